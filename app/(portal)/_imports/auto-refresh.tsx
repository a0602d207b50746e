'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * Reloads the page's data every second while a job runs (the progress bar
 * moves); without JavaScript the <noscript> refresh reloads the whole page.
 */
export function AutoRefresh({ seconds = 1 }: { seconds?: number }) {
  const router = useRouter()
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000)
    return () => clearInterval(timer)
  }, [router, seconds])
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(Math.max(2, seconds))} />
    </noscript>
  )
}
