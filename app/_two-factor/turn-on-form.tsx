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
  alreadyOn = false,
  unavailable,
}: {
  action: (previous: TurnOnState, form: FormData) => Promise<TurnOnState>
  hidden?: Record<string, string>
  done: ReactNode
  /**
   * It is on already: after `Turn on` the page renders again (the action set a
   * cookie or revalidated), and must keep this form where it was so its answer
   * (the codes) stays on screen; opened afresh, it just says so.
   */
  alreadyOn?: boolean
  /** Shown instead of the form when there is nothing to turn on here (an expired sign-in step), unless the codes are on screen. */
  unavailable?: ReactNode
}) {
  const [state, formAction, pending] = useActionState(action, { submission: 0, error: null, recoveryCodes: null })
  if (state.recoveryCodes) return <RecoveryCodesShown codes={state.recoveryCodes}>{done}</RecoveryCodesShown>
  if (unavailable) return unavailable
  if (alreadyOn) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">Two-factor authentication is on.</p>
        {done}
      </div>
    )
  }
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
