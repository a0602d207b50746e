'use client'

import { useActionState } from 'react'
import { TextField } from '@/app/_components/text-field'
import { initialFormState } from '@/lib/validation/form-state'
import { turnOffTwoFactorAction, type TurnOffState } from './two-factor-actions'

export function TurnOffForm() {
  const [state, formAction, pending] = useActionState<TurnOffState, FormData>(turnOffTwoFactorAction, initialFormState({}))
  if (state.ok) {
    return (
      <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        Two-factor authentication is off.
      </p>
    )
  }
  return (
    <form key={state.submission} action={formAction} className="mt-4 space-y-4">
      {state.formError && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.formError}
        </p>
      )}
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors.password}
      />
      <TextField id="code" label="Code" autoComplete="one-time-code" required maxLength={64} error={state.fieldErrors.code} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Turn off
      </button>
    </form>
  )
}
