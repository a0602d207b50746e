'use client'

import { useHydrated } from '@/app/_components/use-hydrated'
import { useRef } from 'react'

export interface ConfirmActionProps {
  /** The form action that does it (a server action, or useActionState's dispatcher). */
  action: (form: FormData) => void | Promise<void>
  /** Fields the action needs (the row's id). */
  fields?: Record<string, string>
  /** The button that asks: "Revoke", "Remove", "Delete group". */
  trigger: string
  /** Its name for screen readers when the visible word alone is ambiguous in a list ("Revoke token ci"). */
  triggerLabel?: string
  /** The question, naming what it affects: "Revoke the token “ci”?". */
  question: string
  /** What happens, in a sentence or two. */
  detail?: React.ReactNode
  /** The confirming (danger) button: the verb again, "Revoke". */
  confirm: string
  /** Anything else the form must carry, shown above the buttons (a checkbox, say). */
  children?: React.ReactNode
  pending?: boolean
  small?: boolean
}

/**
 * The one way a destructive action asks first. With JavaScript: a modal dialog
 * (focus moves into it, Escape cancels). Without: a disclosure that opens the
 * same question and buttons in place, a plain POST form either way. Either way
 * it names the object or the count, and the confirming button is red.
 */
export function ConfirmAction(props: ConfirmActionProps) {
  const interactive = useHydrated()
  const dialog = useRef<HTMLDialogElement>(null)
  const triggerClass = `btn-danger-quiet ${props.small ? 'py-1' : ''}`
  if (!interactive) {
    return (
      <details data-menu className="confirm-disclosure">
        <summary className={`${triggerClass} cursor-pointer list-none`} aria-label={props.triggerLabel}>
          {props.trigger}
        </summary>
        <div className="confirm-panel">
          <Question {...props} />
        </div>
      </details>
    )
  }
  return (
    <>
      <button
        type="button"
        className={triggerClass}
        aria-label={props.triggerLabel}
        aria-haspopup="dialog"
        disabled={props.pending}
        onClick={() => dialog.current?.showModal()}
      >
        {props.trigger}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-label={props.question}>
        <Question {...props} onCancel={() => dialog.current?.close()} onSubmit={() => dialog.current?.close()} />
      </dialog>
    </>
  )
}

function Question({
  action,
  fields = {},
  question,
  detail,
  confirm,
  children,
  pending,
  onCancel,
  onSubmit,
}: ConfirmActionProps & { onCancel?: () => void; onSubmit?: () => void }) {
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3 text-left text-sm whitespace-normal">
      <p className="text-base font-semibold text-slate-900">{question}</p>
      {detail && <div className="text-slate-700">{detail}</div>}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="flex justify-end gap-2 pt-2">
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel} autoFocus>
            Cancel
          </button>
        )}
        <button type="submit" className="btn-danger" disabled={pending}>
          {confirm}
        </button>
      </div>
    </form>
  )
}
