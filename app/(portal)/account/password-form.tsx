'use client'

import { useActionState } from 'react'
import { TextField } from '@/app/_components/text-field'
import { initialFormState } from '@/lib/validation/form-state'
import { changePasswordAction, type PasswordFormState } from './actions'

export function PasswordForm() {
  const [state, formAction, pending] = useActionState<PasswordFormState, FormData>(changePasswordAction, initialFormState({}))
  const errors = state.fieldErrors
  return (
    <section aria-labelledby="password-heading" className="mt-10 max-w-xl rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="password-heading" className="text-lg font-semibold">
        Change password
      </h2>
      {state.ok && (
        <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Password changed. You stay signed in here; every other session of yours has ended.
        </p>
      )}
      {/* Re-mounted after each answer: password fields never keep what was typed. */}
      <form key={state.submission} action={formAction} className="mt-4 space-y-4">
        <TextField
          id="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField id="newPassword" label="New password" type="password" autoComplete="new-password" required error={errors.newPassword} />
        <p className="text-xs text-slate-500">12 to 128 characters, not your username or email, not a common password.</p>
        <button type="submit" className="btn-primary" disabled={pending}>
          Change password
        </button>
      </form>
    </section>
  )
}
