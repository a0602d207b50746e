'use client'

import { startAuthentication } from '@simplewebauthn/browser'
import { useState, useTransition } from 'react'
import { useHydrated } from '@/app/_components/use-hydrated'
import { passkeyOptionsAction, verifyPasskeyAction } from './actions'

/** `Use a passkey` at the sign-in's second step. Only with JavaScript (WebAuthn needs it); the code form is always there. */
export function PasskeyButton({ next }: { next: string | null }) {
  const interactive = useHydrated()
  const [message, setMessage] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  if (!interactive) return null
  const use = () =>
    startTransition(async () => {
      setMessage(null)
      const options = await passkeyOptionsAction()
      if (!options) {
        setMessage('This sign-in step has expired: sign in again.')
        return
      }
      let response
      try {
        response = await startAuthentication({ optionsJSON: options })
      } catch {
        setMessage('The passkey was not used (cancelled or not available). Try again, or enter a code.')
        return
      }
      const form = new FormData()
      form.set('response', JSON.stringify(response))
      if (next) form.set('next', next)
      const answer = await verifyPasskeyAction(form)
      if (answer?.message) setMessage(answer.message)
    })
  return (
    <div className="space-y-3">
      <button type="button" className="btn-primary w-full" onClick={use} disabled={pending}>
        Use a passkey
      </button>
      {message && (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  )
}
