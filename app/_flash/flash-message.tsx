'use client'

import { useEffect, useState } from 'react'
import { EXPIRED_FLASH_COOKIE } from '@/lib/http/flash-cookie'

/**
 * A success line after a redirect. Once shown it expires its cookie (with
 * JavaScript the action's response rendered it, and nobody else would), and
 * it goes away as soon as any form on the page is submitted again, so it never
 * stands above the error of a refused save.
 */
export function FlashMessage({ children }: { children: React.ReactNode }) {
  const [shown, setShown] = useState(true)
  useEffect(() => {
    document.cookie = EXPIRED_FLASH_COOKIE
    const hide = () => setShown(false)
    document.addEventListener('submit', hide)
    return () => document.removeEventListener('submit', hide)
  }, [])
  if (!shown) return null
  return (
    <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {children}
    </p>
  )
}
