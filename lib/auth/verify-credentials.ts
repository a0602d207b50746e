import 'server-only'
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { ssoConnections, tenants, users } from '@/db/schema'
import type { ClientInfo } from '@/lib/http/client-info'
import { recordLoginEvent } from './login-events'
import { burnPasswordCheck, verifyPassword } from './passwords'
import { signInSchema } from './sign-in-schema'
import type { SignedIn } from './complete-sign-in'
import { nextSignInStep, type SecondStep } from './next-sign-in-step'
import { THROTTLE, accountKey, clearFailures, ipKey, isThrottled, recordFailure, userKey } from './throttle'

export type { SignedIn, SecondStep }
export interface SignInRefused {
  ok: false
  /** `sso_required`: the password was right, but the workspace requires single sign-on and this user isn't a break-glass admin. */
  reason: 'invalid' | 'throttled' | 'sso_required'
}
/**
 * The one sign-in check, used by the sign-in form and next-auth's Credentials
 * provider. Every outcome the user could learn from is the same `invalid`;
 * the login event records the real reason for admins.
 */
export async function verifyCredentials(db: Db, raw: unknown, client: ClientInfo): Promise<SignedIn | SignInRefused | SecondStep> {
  const parsed = signInSchema.safeParse(raw)
  const ipThrottleKey = client.ip ? ipKey(client.ip) : null
  if (!parsed.success) {
    if (ipThrottleKey) await recordFailure(db, ipThrottleKey, THROTTLE.ipMaxFailures)
    return { ok: false, reason: 'invalid' }
  }
  const { workspace, identifier, password } = parsed.data
  const [tenant] = await db
    .select({ id: tenants.id, twoFactorPolicy: tenants.twoFactorPolicy, requireSso: ssoConnections.requireSso })
    .from(tenants)
    .leftJoin(ssoConnections, eq(ssoConnections.tenantId, tenants.id))
    .where(eq(tenants.slug, workspace))
    .limit(1)

  const lowered = identifier.toLowerCase()
  const [user] = tenant
    ? await db
        .select({
          id: users.id,
          passwordHash: users.passwordHash,
          status: users.status,
          role: users.role,
          breakGlass: users.breakGlass,
          sessionVersion: users.sessionVersion,
        })
        .from(users)
        .where(
          and(
            eq(users.tenantId, tenant.id),
            isNull(users.deletedAt),
            or(eq(users.username, lowered), eq(sql`lower(${users.email})`, lowered)),
          ),
        )
        .limit(1)
    : []

  // One budget per account: its username and its email are the same door. A name that matches nobody has its own.
  const acctKey = user && tenant ? userKey(tenant.id, user.id) : accountKey(workspace, identifier)
  const keys = ipThrottleKey ? [acctKey, ipThrottleKey] : [acctKey]

  const failed = async () => {
    await recordFailure(db, acctKey, THROTTLE.accountMaxFailures)
    if (ipThrottleKey) await recordFailure(db, ipThrottleKey, THROTTLE.ipMaxFailures)
    return { ok: false, reason: 'invalid' } as const
  }

  if (await isThrottled(db, keys)) {
    if (tenant) {
      await recordLoginEvent(db, { tenantId: tenant.id, userId: null, identifier, kind: 'sign_in', outcome: 'throttled', client })
    }
    return { ok: false, reason: 'throttled' }
  }

  if (!tenant) {
    await burnPasswordCheck(password)
    return failed()
  }

  if (!user) {
    await burnPasswordCheck(password)
    await recordLoginEvent(db, { tenantId: tenant.id, userId: null, identifier, kind: 'sign_in', outcome: 'invalid_credentials', client })
    return failed()
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordLoginEvent(db, {
      tenantId: tenant.id,
      userId: user.id,
      identifier,
      kind: 'sign_in',
      outcome: 'invalid_credentials',
      client,
    })
    return failed()
  }
  if (user.status !== 'active') {
    await recordLoginEvent(db, { tenantId: tenant.id, userId: user.id, identifier, kind: 'sign_in', outcome: 'inactive', client })
    return failed()
  }

  await clearFailures(db, acctKey)
  // Single sign-on required: a password opens no session but a break-glass admin's (the way in when the provider is down).
  if (tenant.requireSso && !(user.breakGlass && user.role === 'Admin')) {
    await recordLoginEvent(db, { tenantId: tenant.id, userId: user.id, identifier, kind: 'sign_in', outcome: 'sso_required', client })
    return { ok: false, reason: 'sso_required' }
  }
  return nextSignInStep(db, {
    tenantId: tenant.id,
    userId: user.id,
    role: user.role,
    policy: tenant.twoFactorPolicy,
    sessionVersion: user.sessionVersion,
    identifier,
    client,
    factor: 'password',
  })
}
