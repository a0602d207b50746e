import 'server-only'
import type { Db } from '@/db/client'
import type { ClientInfo } from '@/lib/http/client-info'
import { recordAudit } from '@/lib/audit/record-audit'
import { completeSignIn, type SignedIn } from './complete-sign-in'
import { recordLoginEvent, type SignInFactor } from './login-events'
import { endPendingSignIn, loadPendingSignIn, type PendingSignIn } from './pending-sign-in'
import { THROTTLE, clearFailures, isThrottled, recordFailure, userKey } from './throttle'
import { checkSecondFactorCode, confirmTotp } from './two-factor'
import { passkeySignInOptions, verifyPasskeySignIn } from './passkeys'

/**
 * The sign-in's second step, after a right password: a code (app or
 * recovery), a passkey (lib/auth/passkeys.ts), or — when the workspace
 * requires two-factor and the user has none — its setup. Wrong codes are
 * throttled like passwords (per account); only a finished step signs in.
 */
export type SecondStepRefusal = { ok: false; reason: 'invalid' | 'throttled' | 'expired' }

const codeKey = (p: Pick<PendingSignIn, 'tenantId' | 'userId'>) => `2fa:${userKey(p.tenantId, p.userId)}`

/** Finishes a pending sign-in once (a second, racing finish gets `expired`). */
export async function finishPendingSignIn(
  db: Db,
  pending: PendingSignIn,
  factor: SignInFactor,
  client: ClientInfo,
): Promise<SignedIn | SecondStepRefusal> {
  if (!(await endPendingSignIn(db, pending))) return { ok: false, reason: 'expired' }
  await clearFailures(db, codeKey(pending))
  return completeSignIn(db, { tenantId: pending.tenantId, userId: pending.userId, identifier: pending.identifier, client, factor })
}

async function refusedCode(db: Db, pending: PendingSignIn, client: ClientInfo): Promise<SecondStepRefusal> {
  await recordFailure(db, codeKey(pending), THROTTLE.accountMaxFailures)
  await recordLoginEvent(db, {
    tenantId: pending.tenantId,
    userId: pending.userId,
    identifier: pending.identifier,
    kind: 'sign_in',
    outcome: 'invalid_code',
    client,
  })
  return { ok: false, reason: 'invalid' }
}

async function throttled(db: Db, pending: PendingSignIn, client: ClientInfo): Promise<SecondStepRefusal | null> {
  if (!(await isThrottled(db, [codeKey(pending)]))) return null
  await recordLoginEvent(db, {
    tenantId: pending.tenantId,
    userId: pending.userId,
    identifier: pending.identifier,
    kind: 'sign_in',
    outcome: 'throttled',
    client,
  })
  return { ok: false, reason: 'throttled' }
}

/** The live step of this token and purpose, unless it is gone (`expired`) or its account is throttled. */
async function openStep(
  db: Db,
  token: string | null,
  purpose: PendingSignIn['purpose'],
  client: ClientInfo,
): Promise<PendingSignIn | SecondStepRefusal> {
  const pending = await loadPendingSignIn(db, token)
  if (!pending || pending.purpose !== purpose) return { ok: false, reason: 'expired' }
  return (await throttled(db, pending, client)) ?? pending
}

/** `Verify` with an authentication code or a recovery code. */
export async function verifySecondStep(
  db: Db,
  token: string | null,
  code: unknown,
  client: ClientInfo,
): Promise<SignedIn | SecondStepRefusal> {
  const pending = await openStep(db, token, 'verify', client)
  if (!('id' in pending)) return pending
  const factor = typeof code === 'string' ? await checkSecondFactorCode(db, pending.tenantId, pending.userId, code) : null
  if (!factor) return refusedCode(db, pending, client)
  return finishPendingSignIn(db, pending, factor, client)
}

/**
 * `Turn on` in the setup the workspace's policy requires: the app is
 * confirmed with a code, the sign-in finishes, and the recovery codes are
 * returned to be shown once.
 */
export async function confirmRequiredSetup(
  db: Db,
  token: string | null,
  code: unknown,
  client: ClientInfo,
): Promise<(SignedIn & { recoveryCodes: string[] }) | SecondStepRefusal> {
  const pending = await openStep(db, token, 'setup', client)
  if (!('id' in pending)) return pending
  const codes = typeof code === 'string' ? await confirmTotp(db, pending.tenantId, pending.userId, code) : null
  if (!codes) return refusedCode(db, pending, client)
  await recordAudit(db, {
    tenantId: pending.tenantId,
    actor: { userId: pending.userId, label: pending.username, ip: client.ip },
    action: 'user.two_factor_on',
    entityType: 'user',
    entityId: pending.userId,
    after: { method: 'authenticator app', at: 'sign-in (required by the workspace)' },
  })
  const signedIn = await finishPendingSignIn(db, pending, 'totp', client)
  return signedIn.ok ? { ...signedIn, recoveryCodes: codes } : signedIn
}

/** `Use a passkey`, step 1: the options for the browser (null when the step is gone or the user has no passkey). */
export async function passkeyStepOptions(db: Db, token: string | null) {
  const pending = await loadPendingSignIn(db, token)
  if (!pending || pending.purpose !== 'verify') return null
  return passkeySignInOptions(db, pending)
}

/** `Use a passkey`, step 2: the authenticator's answer, throttled like codes. */
export async function verifyPasskeyStep(
  db: Db,
  token: string | null,
  response: unknown,
  client: ClientInfo,
): Promise<SignedIn | SecondStepRefusal> {
  const pending = await openStep(db, token, 'verify', client)
  if (!('id' in pending)) return pending
  if (!(await verifyPasskeySignIn(db, pending, response))) return refusedCode(db, pending, client)
  return finishPendingSignIn(db, pending, 'passkey', client)
}
