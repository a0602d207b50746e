import { MenuDismiss } from '@/app/_components/menu-dismiss'
import { currentTheme } from '@/app/_theme/theme'
import { reachableNav } from '@/lib/auth/navigation'
import { requireUser } from '@/lib/auth/session'
import { ensureMailWorker } from '@/lib/mail/mail-worker'
import { PortalHeader } from './portal-header'

// Layouts are not re-run on every navigation: each page checks access itself too.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  // Any instance serving the portal also sends mail that is due (retries, or mail another instance left behind).
  ensureMailWorker()
  const sections = reachableNav(user.permissions).map(({ href, label }) => ({ href, label }))
  return (
    <div className="min-h-screen">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <MenuDismiss />
      <PortalHeader sections={sections} fullName={user.fullName} workspace={user.tenantName} theme={await currentTheme()} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  )
}
