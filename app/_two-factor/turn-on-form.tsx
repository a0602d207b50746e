'use client'

import { useActionState, type ReactNode } from 'react'
import { TextField } from '@/app/_components/text-field'
import { RecoveryCodesShown } from './recovery-codes-shown'
import type { TurnOnState } from './turn-on-state'

/**
 * `Code` + `Turn on`, for My account and for the setup a workspace requires
 * at sign-in. On success the action's answer holds the recovery codes, shown
 * in place of the form with `done` (where to go next).
 */
export function TurnOnForm({
  action,
  hidden,
  done,
}: {
  action: (previous: TurnOnState, form: FormData) => Promise<TurnOnState>
  hidden?: Record<string, string>
  done: ReactNode
}) {
  const [state, formAction, pending] = useActionState(action, { submission: 0, error: null, recoveryCodes: null })
  if (state.recoveryCodes) return <RecoveryCodesShown codes={state.recoveryCodes}>{done}</RecoveryCodesShown>
  return (
    <form action={formAction} className="space-y-4" key={state.submission}>
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextField
        id="code"
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={8}
        required
        error={state.error ?? undefined}
      />
      <button type="submit" className="btn-primary" disabled={pending}>
        Turn on
      </button>
    </form>
  )
}
