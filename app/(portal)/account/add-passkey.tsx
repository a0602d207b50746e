'use client'

import { startRegistration } from '@simplewebauthn/browser'
import { useState, useTransition } from 'react'
import { useHydrated } from '@/app/_components/use-hydrated'
import { RecoveryCodesShown } from '@/app/_two-factor/recovery-codes-shown'
import { passkeyRegistrationOptionsAction, registerPasskeyAction } from './passkey-actions'

/** `Add a passkey`: names it, asks the browser to create it, and sends the answer back. Needs JavaScript (WebAuthn does). */
export function AddPasskey() {
  const interactive = useHydrated()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [name, setName] = useState('')
  const [pending, startTransition] = useTransition()
  if (!interactive) return <p className="mt-3 text-sm text-slate-600">Adding a passkey needs JavaScript in your browser.</p>
  if (codes) return <RecoveryCodesShown codes={codes}>{null}</RecoveryCodesShown>
  const add = () =>
    startTransition(async () => {
      setMessage(null)
      const { options, ticket } = await passkeyRegistrationOptionsAction()
      let response
      try {
        response = await startRegistration({ optionsJSON: options })
      } catch {
        setMessage({ ok: false, text: 'No passkey was created (cancelled, or this device has none to offer).' })
        return
      }
      const form = new FormData()
      form.set('response', JSON.stringify(response))
      form.set('ticket', ticket)
      form.set('name', name)
      const answer = await registerPasskeyAction(form)
      setMessage({ ok: answer.ok, text: answer.message })
      if (answer.ok) {
        setName('')
        if (answer.recoveryCodes) setCodes(answer.recoveryCodes)
      }
    })
  return (
    <div className="mt-4 space-y-3">
      <div>
        <label htmlFor="passkey-name" className="field-label">
          Passkey name
        </label>
        <input
          id="passkey-name"
          className="field-input"
          value={name}
          maxLength={60}
          placeholder="Work laptop"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="button" className="btn-secondary" onClick={add} disabled={pending || !name.trim()}>
        Add a passkey
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-emerald-800' : 'text-red-700'}`}>
          {message.text}
        </p>
      )}
    </div>
  )
}
