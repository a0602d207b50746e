'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

/** A main-nav link that says, to screen readers (aria-current) and to the eye (underline), which section this page is in. */
export function NavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname()
  const current = pathname === href || pathname.startsWith(`${href}/`)
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-slate-100 ${current ? 'bg-indigo-50 text-indigo-800 underline decoration-2 underline-offset-8' : 'text-slate-700'}`}
    >
      {label}
    </Link>
  )
}
