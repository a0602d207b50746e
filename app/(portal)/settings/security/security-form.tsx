'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { messageOf, type Result } from '@/lib/validation/result'

/** The two-factor policy: radio buttons in a fieldset, a plain form without JavaScript. */
export function SecurityForm({
  action,
  policy,
  choices,
}: {
  action: (previous: unknown, form: FormData) => Promise<Result<{ message: string }>>
  policy: string
  choices: readonly { value: string; label: string; hint: string }[]
}) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="mt-6 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {result && <Outcome ok={result.ok}>{messageOf(result)}</Outcome>}
      <fieldset>
        <legend className="field-label">Two-factor authentication</legend>
        <div className="mt-2 space-y-3">
          {choices.map((c) => (
            <label key={c.value} className="flex gap-2 text-sm">
              <input type="radio" name="twoFactorPolicy" value={c.value} defaultChecked={c.value === policy} className="mt-1" />
              <span>
                <span className="font-medium">{c.label}</span>
                <span className="block text-slate-600">{c.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save
      </button>
    </form>
  )
}
