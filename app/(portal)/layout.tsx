import Link from 'next/link'
import { reachableNav } from '@/lib/auth/navigation'
import { requireUser } from '@/lib/auth/session'
import { UserMenu } from './user-menu'

// Layouts are not re-run on every navigation: each page checks access itself too.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  return (
    <div className="min-h-screen">
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
                    <Link
                      href={item.href}
                      className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100"
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <UserMenu fullName={user.fullName} workspace={user.tenantName} />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  )
}
