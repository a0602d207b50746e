'use client'

import { useActionState } from 'react'
import { FormAlert } from '@/app/_components/auth-card'
import { TextField } from '@/app/_components/text-field'
import { verifyCodeAction } from './actions'
import { initialStepState } from './step-state'

export function CodeForm({ next }: { next: string | null }) {
  const [state, formAction, pending] = useActionState(verifyCodeAction, initialStepState)
  return (
    <form action={formAction} className="space-y-5" key={state.submission}>
      {next && <input type="hidden" name="next" value={next} />}
      <FormAlert id="code-error" message={state.message} />
      <TextField
        id="code"
        label="Authentication code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={64}
        autoFocus
        aria-describedby={state.message ? 'code-hint code-error' : 'code-hint'}
        aria-invalid={state.message ? true : undefined}
      />
      <p id="code-hint" className="-mt-3 text-sm text-slate-600">
        The 6-digit code from your authenticator app, or one of your recovery codes.
      </p>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        Verify
      </button>
    </form>
  )
}
