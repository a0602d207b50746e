'use client'

import { usePathname } from 'next/navigation'
import { useEffect } from 'react'

const OPEN_MENUS = 'details[data-menu][open]'

function closeAll(except?: Node | null) {
  for (const menu of document.querySelectorAll<HTMLDetailsElement>(OPEN_MENUS)) if (!except || !menu.contains(except)) menu.open = false
}

/**
 * Every drop-down menu is a <details data-menu>: it opens and works without
 * JavaScript. Once JS runs, this one listener (mounted once per page) makes
 * them behave like menus: Escape closes the one you are in and returns focus to
 * its button; a click or Tab outside, or a navigation, closes them.
 */
export function MenuDismiss() {
  const pathname = usePathname()
  useEffect(() => closeAll(), [pathname])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      const menu = (event.target as Element | null)?.closest?.<HTMLDetailsElement>(OPEN_MENUS)
      if (!menu) return closeAll()
      menu.open = false
      menu.querySelector('summary')?.focus()
    }
    const onOutside = (event: Event) => closeAll(event.target as Node)
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onOutside)
    document.addEventListener('focusin', onOutside)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onOutside)
      document.removeEventListener('focusin', onOutside)
    }
  }, [])
  return null
}
