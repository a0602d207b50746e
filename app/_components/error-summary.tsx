'use client'

import { useEffect, useRef } from 'react'

/**
 * A refused save's message at the top of its form. Focus moves to it (and the
 * page scrolls to it) each time a submission comes back refused: the admin who
 * pressed Save far below learns at once that it did not go through, and a
 * screen reader reads why. Without JavaScript the page reloads at the top anyway.
 */
export function ErrorSummary({ id, submission, children }: { id: string; submission: number; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [submission])
  return (
    <div
      ref={ref}
      id={id}
      role="alert"
      tabIndex={-1}
      className="scroll-mt-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800 focus:outline-2 focus:outline-red-700"
    >
      {children}
    </div>
  )
}
