'use client'

import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

/**
 * False in the server render and the first client render, true once hydrated:
 * what needs JavaScript (a Copy button, a dialog instead of a disclosure) renders
 * only where it will work, without a hydration mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
}
