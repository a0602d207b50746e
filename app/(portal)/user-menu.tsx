'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useEffect, useRef } from 'react'
import { signOut } from './sign-out'

/** A <details> menu: it opens and works without JavaScript; with it, it closes on navigation and Escape. */
export function UserMenu({ fullName, workspace }: { fullName: string; workspace: string }) {
  const ref = useRef<HTMLDetailsElement>(null)
  const pathname = usePathname()
  const shownFor = useRef(pathname)
  useEffect(() => {
    // Only a real navigation closes it: not hydration, which may find it opened already.
    if (shownFor.current === pathname) return
    shownFor.current = pathname
    ref.current?.removeAttribute('open')
  }, [pathname])
  return (
    <details
      ref={ref}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape') ref.current?.removeAttribute('open')
      }}
    >
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
        {fullName} <span className="text-slate-500">· {workspace}</span>
        <span aria-hidden="true"> ▾</span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <Link href="/account" className="block px-4 py-2 text-sm text-slate-800 no-underline hover:bg-slate-100">
          My account
        </Link>
        <form action={signOut}>
          <button type="submit" className="block w-full px-4 py-2 text-left text-sm text-slate-800 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  )
}
