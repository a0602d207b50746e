'use client'

import Link from 'next/link'
import { useActionState } from 'react'

/** The confirmation's buttons; a refusal (yourself, the last admin) is said above them. */
export function DeleteForm({ action }: { action: (previous: string | null) => Promise<string | null> }) {
  const [refusal, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="mt-6">
      {refusal && (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {refusal}
        </p>
      )}
      <div className="flex gap-3">
        <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800" disabled={pending}>
          Delete
        </button>
        <Link href="/users" className="btn-secondary no-underline">
          Cancel
        </Link>
      </div>
    </form>
  )
}
