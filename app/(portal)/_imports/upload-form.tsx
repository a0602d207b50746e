'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import type { Result } from '@/lib/validation/result'

/** The upload: a file, the kind's options and `Preview`. A plain multipart form, so it works without JavaScript. */
export function UploadForm({
  action,
  templateHref,
  offerCreateExtensions,
}: {
  action: (previous: unknown, form: FormData) => Promise<Result<object, 'file'>>
  templateHref: string
  offerCreateExtensions: boolean
}) {
  const [result, formAction, pending] = useActionState(action, null)
  const error = result && !result.ok ? (result.fieldErrors.file ?? result.formError) : undefined
  return (
    <form action={formAction} className="mt-6 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <div>
        <label htmlFor="import-file" className="field-label">
          File
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="field-input"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'import-file-error import-file-hint' : 'import-file-hint'}
        />
        <p id="import-file-hint" className="mt-1 text-xs text-slate-500">
          CSV (UTF-8, comma or semicolon) or Excel (.xlsx, first sheet), up to 20 MB and 100,000 rows.{' '}
          <Link href={templateHref}>Download template</Link>
        </p>
        {error && (
          <p id="import-file-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      {offerCreateExtensions && (
        <div className="flex items-start gap-2">
          <input id="createMissingExtensions" name="createMissingExtensions" type="checkbox" className="mt-1" />
          <div>
            <label htmlFor="createMissingExtensions">Create missing extensions</label>
            <p className="text-xs text-slate-500">
              An extension number the workspace doesn’t have yet is created, with the row’s Extension type.
            </p>
          </div>
        </div>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        Preview
      </button>
      <p className="text-xs text-slate-500">Nothing is written until you confirm the preview.</p>
    </form>
  )
}
