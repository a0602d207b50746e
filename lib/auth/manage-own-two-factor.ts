import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { invalid, refuse, type Result } from '@/lib/validation/result'
import type { Actor } from './actor'
import { verifyPassword } from './passwords'
import { THROTTLE, clearFailures, isThrottled, recordFailure, userKey } from './throttle'
import { checkSecondFactorCode, confirmTotp, policyCovers, removeSecondFactors, twoFactorPolicyOf, twoFactorStatus } from './two-factor'

/** My account › Two-factor authentication: one's own factors only (an admin resets others': lib/users/reset-two-factor.ts). */
const codeKey = (me: Actor) => `2fa:${userKey(me.tenantId, me.userId)}`
export const CODES_THROTTLED = 'Too many wrong codes. Wait 15 minutes and try again.'
const WRONG_CODE = 'That code is not right. Enter the current code from your app.'

/** `Turn on`: the app is confirmed with a code from it; the ten recovery codes come back to be shown once. */
export async function turnOnOwnTotp(db: Db, me: Actor, code: unknown): Promise<Result<{ recoveryCodes: string[] }, 'code'>> {
  if (await isThrottled(db, [codeKey(me)])) return invalid({ code: CODES_THROTTLED })
  const codes = typeof code === 'string' ? await confirmTotp(db, me.tenantId, me.userId, code) : null
  if (!codes) {
    await recordFailure(db, codeKey(me), THROTTLE.accountMaxFailures)
    return invalid({ code: WRONG_CODE })
  }
  await clearFailures(db, codeKey(me))
  await recordAudit(db, {
    tenantId: me.tenantId,
    actor: me,
    action: 'user.two_factor_on',
    entityType: 'user',
    entityId: me.userId,
    after: { method: 'authenticator app' },
  })
  return { ok: true, recoveryCodes: codes }
}

/** `Turn off`: the password and a current code (or a recovery code); refused while the workspace requires it of them. */
export async function turnOffOwnTwoFactor(
  db: Db,
  me: Actor,
  input: { password: unknown; code: unknown },
): Promise<Result<object, 'password' | 'code'>> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, role: users.role })
    .from(users)
    .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId), isNull(users.deletedAt)))
  if (!user) return refuse('not_found', 'This account no longer exists.')
  if (policyCovers(await twoFactorPolicyOf(db, me.tenantId), user.role)) {
    return refuse('conflict', 'Your workspace requires two-factor authentication: it can’t be turned off.')
  }
  if (!(await twoFactorStatus(db, me.tenantId, me.userId)).on) return refuse('conflict', 'Two-factor authentication is already off.')
  if (await isThrottled(db, [codeKey(me)])) return invalid({ code: CODES_THROTTLED })
  const password = typeof input.password === 'string' ? input.password : ''
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(db, codeKey(me), THROTTLE.accountMaxFailures)
    return invalid({ password: 'That is not your password.' })
  }
  const factor = typeof input.code === 'string' ? await checkSecondFactorCode(db, me.tenantId, me.userId, input.code) : null
  if (!factor) {
    await recordFailure(db, codeKey(me), THROTTLE.accountMaxFailures)
    return invalid({ code: 'That code is not right, or was already used.' })
  }
  await clearFailures(db, codeKey(me))
  await db.transaction(async (tx) => {
    await removeSecondFactors(tx, me.tenantId, me.userId)
    await recordAudit(tx, { tenantId: me.tenantId, actor: me, action: 'user.two_factor_off', entityType: 'user', entityId: me.userId })
  })
  return { ok: true }
}
