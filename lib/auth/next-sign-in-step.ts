import 'server-only'
import type { Db } from '@/db/client'
import type { Role } from '@/db/schema'
import type { ClientInfo } from '@/lib/http/client-info'
import { completeSignIn, type SignedIn } from './complete-sign-in'
import type { SignInFactor } from './login-events'
import { startPendingSignIn, type PendingPurpose } from './pending-sign-in'
import { policyCovers, twoFactorStatus } from './two-factor'

/** The password was right; a second factor (`verify`) or its required setup (`setup`) comes next. Not signed in. */
export interface SecondStep {
  ok: false
  reason: 'second-step'
  purpose: PendingPurpose
  pendingToken: string
}

/**
 * What follows a proven password (typed at sign-in, or just set from an
 * invitation): signed in, or — with two-factor on, or required by the
 * workspace's policy for this role — a half-signed-in step.
 */
export async function nextSignInStep(
  db: Db,
  s: {
    tenantId: string
    userId: string
    role: Role
    policy: string
    sessionVersion: number
    identifier: string
    client: ClientInfo
    factor: SignInFactor
  },
): Promise<SignedIn | SecondStep> {
  const factors = await twoFactorStatus(db, s.tenantId, s.userId)
  if (factors.on || policyCovers(s.policy, s.role)) {
    const purpose = factors.on ? 'verify' : 'setup'
    const pendingToken = await startPendingSignIn(db, { ...s, purpose })
    return { ok: false, reason: 'second-step', purpose, pendingToken }
  }
  return completeSignIn(db, s)
}
