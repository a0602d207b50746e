import type { Metadata } from 'next'
import { requireUser } from '@/lib/auth/session'
import { TokenSection } from '../_tokens/token-section'
import { PasswordForm } from './password-form'
import { TwoFactorSection } from './two-factor-section'
import { SessionSection } from '../_sessions/session-section'

export const metadata: Metadata = { title: 'My account' }

export default async function AccountPage() {
  const user = await requireUser()
  const rows: [string, string][] = [
    ['Full name', user.fullName],
    ['Username', user.username],
    ['Email', user.email],
    ['Role', user.role],
    ['Workspace', `${user.tenantName} (${user.tenantSlug})`],
  ]
  return (
    <>
      <h1 className="text-2xl font-semibold">My account</h1>
      <dl className="mt-6 grid max-w-xl grid-cols-1 gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-[10rem_1fr] sm:gap-y-3">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm font-medium text-slate-600">{label}</dt>
            <dd className="text-sm break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <SessionSection
        tenantId={user.tenantId}
        userId={user.id}
        whose="you"
        timeZone={user.timeZone}
        canSignOut
        currentSessionId={user.sessionId}
      />
      <PasswordForm />
      <TwoFactorSection tenantId={user.tenantId} userId={user.id} role={user.role} timeZone={user.timeZone} />
      <TokenSection tenantId={user.tenantId} ownerId={user.id} timeZone={user.timeZone} />
    </>
  )
}
