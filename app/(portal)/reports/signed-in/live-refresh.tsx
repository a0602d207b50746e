'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

/** Sessions expire and go idle without an event: the board also refreshes this often. */
const FALLBACK_MS = 60_000

/**
 * Keeps the board current while it is open: every sign-in and sign-out in the
 * workspace arrives as an event (from any app instance) and re-renders the
 * page from the server. If the viewer is signed out meanwhile, the browser goes
 * to the sign-in page. Without JavaScript nothing runs: the Refresh link stays.
 */
export function LiveRefresh() {
  const router = useRouter()
  const [live, setLive] = useState(false)
  useEffect(() => {
    const source = new EventSource('/reports/signed-in/events')
    let pending: ReturnType<typeof setTimeout> | null = null
    // A burst of sign-ins is one refresh, not a thousand.
    const refresh = () => {
      pending ??= setTimeout(() => {
        pending = null
        router.refresh()
      }, 300)
    }
    source.addEventListener('open', () => setLive(true))
    source.addEventListener('error', () => setLive(false))
    source.addEventListener('sessions', refresh)
    source.addEventListener('signed-out', () => {
      source.close()
      router.replace('/sign-in')
    })
    const fallback = setInterval(() => router.refresh(), FALLBACK_MS)
    return () => {
      source.close()
      clearInterval(fallback)
      if (pending) clearTimeout(pending)
    }
  }, [router])
  return (
    <span role="status" className={live ? 'ok' : 'muted'}>
      {live ? '● Live' : 'Connecting…'}
    </span>
  )
}
