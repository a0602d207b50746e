import Link from 'next/link'
import { MenuDismiss } from '@/app/_components/menu-dismiss'
import { reachableNav } from '@/lib/auth/navigation'
import { requireUser } from '@/lib/auth/session'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { NavLink } from './nav-link'
import { AccountItems, UserMenu } from './user-menu'

// Layouts are not re-run on every navigation: each page checks access itself too.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  // Any instance serving the portal also sends mail that is due (retries, or mail another instance left behind).
  kickMailWorker()
  const nav = reachableNav(user.permissions)
  // One element in both menus (wide screens, phones): the page's payload carries its tree once, referenced twice.
  const account = <AccountItems />
  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <MenuDismiss />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <div className="flex items-center gap-8">
            <Link href="/" className="text-lg font-semibold text-indigo-700 no-underline">
              Switchboard
            </Link>
            <nav aria-label="Main" className="hidden md:block">
              <ul className="flex gap-1">
                {nav.map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} label={item.label} />
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <div className="hidden md:block">
            <UserMenu fullName={user.fullName} workspace={user.tenantName}>
              {account}
            </UserMenu>
          </div>
          {/* Narrow screens: the nav and the user menu fold into one menu, a <details> that works without JavaScript. */}
          <details data-menu className="md:hidden">
            <summary className="btn-secondary menu-button" aria-label="Menu">
              Menu <span aria-hidden="true">☰</span>
            </summary>
            <div className="menu-panel inset-x-2 top-14">
              <p className="border-b border-slate-200 px-4 py-2 text-sm">
                {user.fullName} <span className="text-slate-600">· {user.tenantName}</span>
              </p>
              <nav aria-label="Main">
                <ul>
                  {nav.map((item) => (
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
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  )
}
