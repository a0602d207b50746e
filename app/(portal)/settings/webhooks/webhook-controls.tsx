'use client'

import { useActionState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { Outcome } from '@/app/_components/form-bits'
import { ShownOnce } from '@/app/_components/shown-once'
import { messageOf, type Result } from '@/lib/validation/result'

type Action<T extends object> = (previous: unknown, form: FormData) => Promise<Result<T>>

/** The signing secret: Reveal (audited) and Rotate (asks first; the old one keeps signing for 24 hours). */
export function SecretControls({
  reveal,
  rotate,
}: {
  reveal: Action<{ secret: string }>
  rotate: Action<{ secret: string; message: string }>
}) {
  const [revealed, revealAction, revealing] = useActionState(reveal, null)
  const [rotated, rotateAction, rotating] = useActionState(rotate, null)
  return (
    <>
      <div className="mt-3 flex flex-wrap items-start gap-3">
        <form action={revealAction}>
          <button type="submit" className="btn-secondary" disabled={revealing}>
            Reveal
          </button>
        </form>
        <ConfirmAction
          action={rotateAction}
          trigger="Rotate"
          question="Make a new signing secret?"
          detail="Events are signed with the new one and, for 24 hours, the old one too: give the receiver the new one within that time."
          confirm="Rotate"
          pending={rotating}
        />
      </div>
      {revealed?.ok && (
        <ShownOnce heading="The signing secret (this view is in the audit log)." secret={revealed.secret} testId="webhook-secret" />
      )}
      {rotated?.ok && <ShownOnce heading={rotated.message} secret={rotated.secret} testId="webhook-secret" />}
      {revealed && !revealed.ok && <Outcome ok={false}>{messageOf(revealed)}</Outcome>}
      {rotated && !rotated.ok && <Outcome ok={false}>{messageOf(rotated)}</Outcome>}
    </>
  )
}

/** A one-button form whose outcome shows beside it: Send test event, Redeliver. */
export function ActionButton({
  action,
  label,
  accessibleLabel,
  fields = {},
  small = false,
}: {
  action: Action<{ message: string }>
  label: string
  accessibleLabel?: string
  fields?: Record<string, string>
  small?: boolean
}) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`btn-secondary ${small ? 'py-1' : ''}`} disabled={pending} aria-label={accessibleLabel}>
        {label}
      </button>
      {result && (
        <Outcome ok={result.ok} className="mt-2">
          {messageOf(result)}
        </Outcome>
      )}
    </form>
  )
}
