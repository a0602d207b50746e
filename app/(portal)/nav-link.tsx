'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

/** A main-nav link that says, to screen readers (aria-current) and to the eye (marker), which section this page is in. */
export function NavLink({ href, label, stacked = false }: { href: string; label: string; stacked?: boolean }) {
  const pathname = usePathname()
  const current = pathname === href || pathname.startsWith(`${href}/`)
  return (
    <Link href={href} aria-current={current ? 'page' : undefined} className={stacked ? 'nav-link-stacked' : 'nav-link'}>
      {label}
    </Link>
  )
}
