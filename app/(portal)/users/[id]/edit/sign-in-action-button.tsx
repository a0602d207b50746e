'use client'

import { useActionState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import type { SignInActionState } from './sign-in-action-state'

/** One of the sign-in section's buttons, with its answer beside it (works without JavaScript: the action's response renders it). */
export function SignInActionButton({
  action,
  label,
  confirm,
}: {
  action: (state: SignInActionState | null, form: FormData) => Promise<SignInActionState>
  label: string
  /** A destructive one asks first. */
  confirm?: { question: string; detail: string }
}) {
  const [state, formAction, pending] = useActionState(action, null)
  return (
    <div>
      {confirm ? (
        <ConfirmAction
          action={formAction}
          trigger={label}
          question={confirm.question}
          detail={confirm.detail}
          confirm={label}
          pending={pending}
        />
      ) : (
        <form action={formAction}>
          <button type="submit" className="btn-secondary" disabled={pending}>
            {label}
          </button>
        </form>
      )}
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`mt-2 text-sm ${state.ok ? 'text-emerald-800' : 'text-red-700'}`}>
          {state.message}
        </p>
      )}
    </div>
  )
}
