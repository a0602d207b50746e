'use client'

import Link from 'next/link'

/**
 * A client component although it has no state: every layout's payload carries
 * the not-found boundary, and as a client component that is a reference instead
 * of this tree, on every page (issue 21).
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-slate-600">This page does not exist, or you do not have access to it.</p>
      <p className="mt-6">
        <Link href="/">Back to Switchboard</Link>
      </p>
    </main>
  )
}
