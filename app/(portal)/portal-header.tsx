'use client'

import Link from 'next/link'
import { ThemeSwitch } from '@/app/_theme/theme-switch'
import type { Theme } from '@/app/_theme/themes'
import { NavLink } from './nav-link'
import { signOut } from './sign-out'

type Section = { href: string; label: string }

/**
 * The portal's header: the sections this user may reach, and their account
 * menu, on wide screens and folded into one menu on phones. A client component
 * although it has no state: the page's payload then carries these few values
 * instead of the whole tree of both menus, on every page (issue 21). The menus
 * are <details data-menu> and the forms post without JavaScript.
 */
export function PortalHeader({
  sections,
  fullName,
  workspace,
  theme,
}: {
  sections: Section[]
  fullName: string
  workspace: string
  theme: Theme
}) {
  const account = <AccountItems theme={theme} />
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-8">
          <Link href="/" className="text-lg font-semibold text-indigo-700 no-underline">
            Switchboard
          </Link>
          <nav aria-label="Main" className="hidden md:block">
            <ul className="flex gap-1">
              {sections.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href} label={item.label} />
                </li>
              ))}
            </ul>
          </nav>
        </div>
        {/* The wide-screen user menu (app/_components/menu-dismiss.tsx closes it). */}
        <div className="hidden md:block">
          <details data-menu className="relative">
            <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {fullName} <span className="text-slate-600">· {workspace}</span>
              <span aria-hidden="true"> ▾</span>
            </summary>
            <div className="menu-panel right-0 w-60">{account}</div>
          </details>
        </div>
        {/* Narrow screens: the nav and the user menu fold into one menu. */}
        <details data-menu className="md:hidden">
          <summary className="btn-secondary menu-button" aria-label="Menu">
            Menu <span aria-hidden="true">☰</span>
          </summary>
          <div className="menu-panel inset-x-2 top-14">
            <p className="border-b border-slate-200 px-4 py-2 text-sm">
              {fullName} <span className="text-slate-600">· {workspace}</span>
            </p>
            <nav aria-label="Main">
              <ul>
                {sections.map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} label={item.label} stacked />
                  </li>
                ))}
              </ul>
            </nav>
            <div className="border-t border-slate-200">{account}</div>
          </div>
        </details>
      </div>
    </header>
  )
}

/** My account, the theme and Sign out: the items of the user menu, and of the phone menu's lower half. */
function AccountItems({ theme }: { theme: Theme }) {
  return (
    <>
      <Link href="/account" className="menu-item">
        My account
      </Link>
      <ThemeSwitch theme={theme} className="px-4 py-2" />
      <form action={signOut}>
        <button type="submit" className="menu-item w-full text-left">
          Sign out
        </button>
      </form>
    </>
  )
}
