'use client'

import { useEffect } from 'react'

/** Opens the print dialog once the page is shown (with JavaScript; without it the page is simply readable). */
export function AutoPrint() {
  useEffect(() => {
    window.print()
  }, [])
  return null
}
