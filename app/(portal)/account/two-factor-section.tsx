import Link from 'next/link'
import { getDb } from '@/db/client'
import type { Role } from '@/db/schema'
import { policyCovers, twoFactorPolicyOf, twoFactorStatus } from '@/lib/auth/two-factor'
import { listPasskeys } from '@/lib/auth/passkeys'
import { PasskeyList } from './passkey-list'
import { TurnOffForm } from './turn-off-form'

/** My account › Two-factor authentication: set it up, or see it is on and turn it off. */
export async function TwoFactorSection({
  tenantId,
  userId,
  role,
  timeZone,
}: {
  tenantId: string
  userId: string
  role: Role
  timeZone: string
}) {
  const db = await getDb()
  const [status, policy, keys] = await Promise.all([
    twoFactorStatus(db, tenantId, userId),
    twoFactorPolicyOf(db, tenantId),
    listPasskeys(db, tenantId, userId),
  ])
  const required = policyCovers(policy, role)
  return (
    <section aria-labelledby="two-factor-heading" className="mt-10 max-w-xl rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="two-factor-heading" className="text-lg font-semibold">
        Two-factor authentication
      </h2>
      {status.on ? (
        <>
          <p className="mt-2 text-sm text-slate-700">
            On: signing in asks for {status.totp ? 'a code from your authenticator app' : ''}
            {status.totp && status.passkeys > 0 ? ' or ' : ''}
            {status.passkeys > 0 ? 'a passkey' : ''} after your password. {status.recoveryCodesLeft} of 10 recovery codes left.
          </p>
          {!status.totp && (
            <p className="mt-3">
              <Link href="/account/two-factor">Add an authenticator app</Link>
            </p>
          )}
          {required ? (
            <p className="mt-2 text-sm text-slate-600">Your workspace requires two-factor authentication, so it can’t be turned off.</p>
          ) : (
            <>
              <p className="mt-4 text-sm text-slate-700">To turn it off, confirm with your password and a current code.</p>
              <TurnOffForm />
            </>
          )}
        </>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">
            Off. With it on, signing in asks for a code from an authenticator app on your phone after your password, so a stolen password is
            not enough.
          </p>
          <p className="mt-4">
            <Link href="/account/two-factor" className="btn-primary inline-block">
              Set up two-factor authentication
            </Link>
          </p>
        </>
      )}
      <PasskeyList keys={keys} timeZone={timeZone} />
    </section>
  )
}
