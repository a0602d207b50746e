import Link from 'next/link'
import { reachableNav } from '@/lib/auth/navigation'
import { requireUser } from '@/lib/auth/session'
import { NavLink } from './nav-link'
import { UserMenu } from './user-menu'

// Layouts are not re-run on every navigation: each page checks access itself too.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-6 py-3">
          <div className="flex items-center gap-8">
            <Link href="/" className="text-lg font-semibold text-indigo-700 no-underline">
              Switchboard
            </Link>
            <nav aria-label="Main">
              <ul className="flex gap-1">
                {reachableNav(user.permissions).map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} label={item.label} />
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <UserMenu fullName={user.fullName} workspace={user.tenantName} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-6 py-8">
        {children}
      </main>
    </div>
  )
}
