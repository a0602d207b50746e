'use client'

import { ErrorSummary } from '@/app/_components/error-summary'
import { useHydrated } from '@/app/_components/use-hydrated'
import { EXTENSION_TYPE_CHOICES } from '@/db/enums'
import { useActionState, useState } from 'react'
import { SubmitOrCancel } from '@/app/_components/form-bits'
import { TextField } from '@/app/_components/text-field'
import { messageOf, type Result } from '@/lib/validation/result'
import type { ExtensionFormState } from './extension-form-state'

/**
 * New and edit form of an extension: a plain form to a server action (works
 * without JavaScript); what was typed comes back after a refused save, except
 * the PIN and the SIP password.
 */
export function ExtensionForm({
  action,
  initial,
  hasVoicemailPin,
  canChangeSipPassword,
}: {
  action: (state: ExtensionFormState, form: FormData) => Promise<ExtensionFormState>
  initial: ExtensionFormState
  hasVoicemailPin: boolean
  canChangeSipPassword: boolean
}) {
  const [state, formAction, pending] = useActionState(action, initial)
  const v = state.values
  const e = state.fieldErrors
  return (
    <form
      key={state.submission}
      action={formAction}
      noValidate
      className="mt-6 max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-6"
    >
      {state.formError && (
        <ErrorSummary id="extension-form-error" submission={state.submission}>
          {state.formError}
        </ErrorSummary>
      )}
      {state.version !== undefined && <input type="hidden" name="version" value={state.version} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="number" label="Number" inputMode="numeric" defaultValue={v.number} error={e.number} required maxLength={10} />
        <fieldset>
          <legend className="field-label">Type</legend>
          <div className="mt-2 flex gap-4 text-sm">
            {EXTENSION_TYPE_CHOICES.map((t) => (
              <label key={t} className="flex items-center gap-2">
                <input type="radio" name="type" value={t} defaultChecked={v.type === t} />
                {t}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Voicemail</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="voicemailEnabled" defaultChecked={v.voicemailEnabled} />
          Voicemail on
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="voicemailPin"
            label="Voicemail PIN"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            error={e.voicemailPin}
            placeholder={hasVoicemailPin ? 'Leave empty to keep the current PIN' : '4 to 10 digits'}
          />
          <TextField id="voicemailEmail" label="Notification email" type="email" defaultValue={v.voicemailEmail} error={e.voicemailEmail} />
        </div>
      </fieldset>
      {canChangeSipPassword && (
        <details open={!!e.sipPassword}>
          <summary className="cursor-pointer text-sm font-medium text-indigo-700">Change SIP password...</summary>
          <div className="mt-2">
            <TextField
              id="sipPassword"
              label="New SIP password"
              type="password"
              autoComplete="new-password"
              error={e.sipPassword}
              minLength={16}
              maxLength={128}
            />
            <p className="mt-1 text-xs text-slate-500">
              At least 16 printable characters. The phone or softphone must then be given the new one.
            </p>
          </div>
        </details>
      )}
      <SubmitOrCancel label="Save" pending={pending} cancelHref="/settings/extensions" />
    </form>
  )
}

/**
 * `Show` the SIP password: a POST to the server action itself (which audits
 * it), so it works without JavaScript too: the page comes back with the password.
 * `Hide` needs JavaScript; without it the next page load hides it.
 */
export function SipPasswordReveal({ reveal }: { reveal: (previous: unknown) => Promise<Result<{ password: string }>> }) {
  const [answer, formAction, pending] = useActionState(reveal, null)
  const [hidden, setHidden] = useState(false)
  const interactive = useHydrated()
  return (
    <form action={formAction} className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      {answer?.ok && !hidden ? (
        <>
          <code className="rounded bg-slate-100 px-2 py-1 font-mono" data-testid="sip-password">
            {answer.password}
          </code>
          {interactive && (
            <button type="button" className="btn-secondary py-1" onClick={() => setHidden(true)}>
              Hide
            </button>
          )}
        </>
      ) : (
        <button type="submit" className="btn-secondary py-1" disabled={pending} onClick={() => setHidden(false)}>
          Show
        </button>
      )}
      {answer && !answer.ok && (
        <span role="alert" className="text-red-700">
          {messageOf(answer)}
        </span>
      )}
    </form>
  )
}
