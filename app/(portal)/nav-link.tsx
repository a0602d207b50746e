'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

/** A main-nav link that says, to screen readers (aria-current) and to the eye (marker), which section this page is in. */
export function NavLink({ href, label, stacked = false }: { href: string; label: string; stacked?: boolean }) {
  const pathname = usePathname()
  const current = pathname === href || pathname.startsWith(`${href}/`)
  const shape = stacked ? 'block px-4 py-2 border-l-4' : 'rounded-md px-3 py-2'
  const marker = stacked ? 'border-indigo-700' : 'underline decoration-2 underline-offset-8'
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`${shape} text-sm font-medium no-underline hover:bg-slate-100 ${current ? `bg-indigo-50 text-indigo-800 ${marker}` : 'border-transparent text-slate-700'}`}
    >
      {label}
    </Link>
  )
}
