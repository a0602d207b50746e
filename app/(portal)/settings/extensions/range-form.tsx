'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { TextField } from '@/app/_components/text-field'
import type { RangeResult } from '@/lib/extensions/manage-extensions'
import { createExtensionRangeAction } from './_form/extension-actions'

const list = (numbers: string[]) =>
  numbers.length > 12 ? `${numbers.slice(0, 12).join(', ')} and ${numbers.length - 12} more` : numbers.join(', ')

/** Create a range (e.g. 2000–2099): taken numbers are skipped and listed. */
export function RangeForm() {
  const [result, formAction, pending] = useActionState<RangeResult | null, FormData>(createExtensionRangeAction, null)
  const e = result && !result.ok ? result.fieldErrors : {}
  return (
    <section aria-labelledby="range-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="range-heading" className="text-lg font-semibold">
        Create a range
      </h2>
      {result?.ok && (
        <Outcome ok>
          Created {result.created.length} extension{result.created.length === 1 ? '' : 's'}
          {result.created.length ? ` (${list(result.created)})` : ''}.
          {result.skipped.length ? ` Skipped ${result.skipped.length} already taken: ${list(result.skipped)}.` : ''}
        </Outcome>
      )}
      {result && !result.ok && result.formError && <Outcome ok={false}>{result.formError}</Outcome>}
      <form action={formAction} className="mt-4 flex flex-wrap items-end gap-4">
        <TextField id="from" label="From" inputMode="numeric" maxLength={10} error={e.from} />
        <TextField id="to" label="To" inputMode="numeric" maxLength={10} error={e.to} />
        <div>
          <label htmlFor="range-type" className="field-label">
            Type
          </label>
          <select id="range-type" name="type" className="field-input" defaultValue="WebRTC">
            <option value="WebRTC">WebRTC</option>
            <option value="SIP">SIP</option>
          </select>
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          Create range
        </button>
      </form>
    </section>
  )
}
