'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { messageOf, type Result } from '@/lib/validation/result'

/** The workspace's time zone: a plain select that posts without JavaScript. */
export function GeneralForm({
  action,
  timeZone,
  zones,
}: {
  action: (previous: unknown, form: FormData) => Promise<Result<{ message: string }>>
  timeZone: string
  zones: readonly string[]
}) {
  const [result, formAction, pending] = useActionState(action, null)
  const error = result && !result.ok ? result.fieldErrors.timeZone : undefined
  return (
    <form action={formAction} className="mt-6 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      {result && (!result.ok && error ? null : <Outcome ok={result.ok}>{messageOf(result)}</Outcome>)}
      <div>
        <label htmlFor="timeZone" className="field-label">
          Time zone
        </label>
        <select
          id="timeZone"
          name="timeZone"
          defaultValue={timeZone}
          className="field-input"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'timeZone-error' : 'timeZone-hint'}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <p id="timeZone-hint" className="mt-1 text-xs text-slate-500">
          The zone this workspace’s times are shown in.
        </p>
        {error && (
          <p id="timeZone-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save
      </button>
    </form>
  )
}
