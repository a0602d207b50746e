import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { AuthCard } from '@/app/_components/auth-card'
import { TotpKey } from '@/app/_two-factor/totp-key'
import { TurnOnForm } from '@/app/_two-factor/turn-on-form'
import { loadPendingSignIn } from '@/lib/auth/pending-sign-in'
import { readPendingSignInCookie } from '@/lib/auth/session'
import { totpSetupSecret } from '@/lib/auth/two-factor'
import { safeReturnPath } from '@/lib/http/return-path'
import { StepExpiredBody } from '../step-expired'
import { confirmRequiredSetupAction } from './actions'

export const metadata: Metadata = { title: 'Set up two-factor authentication' }

/** Right after the password, for a user the workspace's policy covers who has no second factor: nothing else until it is on. */
export default async function RequiredSetupPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeReturnPath((await searchParams).next) ?? '/'
  const db = await getDb()
  const pending = await loadPendingSignIn(db, await readPendingSignInCookie())
  const secret = pending?.purpose === 'setup' ? await totpSetupSecret(db, pending.tenantId, pending.userId) : null
  // Without a live step (expired, or just finished here) the form stays in place: right after Turn on it shows the recovery codes.
  const live = pending !== null && secret !== null
  return (
    <AuthCard
      wide
      title="Set up two-factor authentication"
      intro={
        pending ? (
          <>
            {pending.workspaceName} requires two-factor authentication. Set it up to finish signing in as {pending.username}.
          </>
        ) : null
      }
    >
      <div className="space-y-6">
        {pending && secret ? <TotpKey secret={secret} workspace={pending.workspaceSlug} username={pending.username} /> : null}
        <TurnOnForm
          action={confirmRequiredSetupAction}
          unavailable={live ? undefined : <StepExpiredBody />}
          done={
            <Link href={next} className="btn-primary inline-block">
              Continue
            </Link>
          }
        />
      </div>
    </AuthCard>
  )
}
