'use client'

import { useActionState } from 'react'
import { SubmitOrCancel } from '@/app/_components/form-bits'
import type { Result } from '@/lib/validation/result'

/** The confirmation's buttons; a refusal (yourself, the last admin) is said above them. */
export function DeleteForm({
  action,
  cancelHref = '/users',
  back,
}: {
  action: (previous: unknown, form: FormData) => Promise<Result<object> | null>
  cancelHref?: string
  /** Where to go after: the list's query, for an action that takes it. */
  back?: string
}) {
  const [result, formAction, pending] = useActionState(action, null)
  const refusal = result && !result.ok ? result.formError : null
  return (
    <form action={formAction} className="mt-6">
      {back !== undefined && <input type="hidden" name="back" value={back} />}
      {refusal && (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {refusal}
        </p>
      )}
      <SubmitOrCancel label="Delete" pending={pending} cancelHref={cancelHref} danger />
    </form>
  )
}
