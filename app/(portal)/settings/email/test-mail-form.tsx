'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { messageOf, type Result } from '@/lib/validation/result'

export function TestMailForm({ action }: { action: (previous: unknown, form: FormData) => Promise<Result<{ message: string }>> }) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="space-y-3">
      {result && <Outcome ok={result.ok}>{messageOf(result)}</Outcome>}
      <button type="submit" className="btn-secondary" disabled={pending}>
        Send test email
      </button>
    </form>
  )
}
