import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { AuthCard } from '@/app/_components/auth-card'
import { readPendingSignInCookie } from '@/lib/auth/session'
import { loadPendingSignIn } from '@/lib/auth/pending-sign-in'
import { safeReturnPath } from '@/lib/http/return-path'
import { twoFactorStatus } from '@/lib/auth/two-factor'
import { CodeForm } from './code-form'
import { PasskeyButton } from './passkey-button'
import { StepExpired } from './step-expired'

export const metadata: Metadata = { title: 'Two-factor authentication' }

/** The sign-in's second step. Without a live half-signed-in cookie there is nothing to verify: back to sign in. */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeReturnPath((await searchParams).next)
  const db = await getDb()
  const pending = await loadPendingSignIn(db, await readPendingSignInCookie())
  if (!pending || pending.purpose !== 'verify') return <StepExpired />
  const factors = await twoFactorStatus(db, pending.tenantId, pending.userId)
  return (
    <AuthCard
      title="Two-factor authentication"
      intro={
        <>
          Signing in to {pending.workspaceName} as {pending.username}.
        </>
      }
    >
      {factors.passkeys > 0 && (
        <div className="mb-6 border-b border-slate-200 pb-6">
          <PasskeyButton next={next} />
        </div>
      )}
      <CodeForm next={next} />
      <p className="mt-5 text-center text-sm">
        <Link href="/sign-in">Cancel</Link>
      </p>
    </AuthCard>
  )
}
