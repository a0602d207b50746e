'use client'

import { useActionState } from 'react'
import { FormAlert } from '@/app/_components/auth-card'
import { TextField } from '@/app/_components/text-field'
import { setPasswordAction } from './actions'

export function SetPasswordForm({
  purpose,
  token,
  username,
}: {
  purpose: 'invitation' | 'password_reset'
  token: string
  username: string
}) {
  const [state, formAction, pending] = useActionState(setPasswordAction, { submission: 0, error: null, formError: null })
  return (
    <form action={formAction} className="space-y-5" key={state.submission} noValidate>
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: which account this password is for. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <FormAlert id="set-password-error" message={state.formError} />
      <TextField
        id="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={128}
        error={state.error ?? undefined}
        aria-describedby={state.error ? 'newPassword-error newPassword-hint' : 'newPassword-hint'}
      />
      <p id="newPassword-hint" className="-mt-3 text-xs text-slate-500">
        12 to 128 characters, not your username or email, not a common password.
      </p>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        Set password
      </button>
    </form>
  )
}
