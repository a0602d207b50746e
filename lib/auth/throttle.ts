import 'server-only'
import crypto from 'node:crypto'
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { authThrottle } from '@/db/schema'

/**
 * Failed sign-ins are counted in the database, so every app instance sees the
 * same counters. An account (workspace + name typed) locks after a few
 * failures; a client address after many (it may be a shared office NAT).
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountMaxFailures: 5,
  ipMaxFailures: 50,
} as const

const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

export function accountKey(workspace: string, identifier: string): string {
  return 'acct:' + digest(`${workspace.toLowerCase()}\u0000${identifier.toLowerCase()}`)
}

/** An existing account's key: the same whichever of its names (username, email) was typed. */
export function userKey(tenantId: string, userId: string): string {
  return 'user:' + digest(`${tenantId}\u0000${userId}`)
}

export function ipKey(ip: string): string {
  return 'ip:' + digest(ip)
}

export async function isThrottled(db: Queryable, keys: readonly string[]): Promise<boolean> {
  if (keys.length === 0) return false
  const rows = await db
    .select({ key: authThrottle.key })
    .from(authThrottle)
    .where(and(inArray(authThrottle.key, [...keys]), gt(authThrottle.lockedUntil, sql`now()`)))
    .limit(1)
  return rows.length > 0
}

/** One atomic upsert: concurrent failures from many instances all count. */
export async function recordFailure(db: Queryable, key: string, maxFailures: number): Promise<void> {
  const window = sql.raw(`interval '${THROTTLE.windowMinutes} minutes'`)
  const lock = sql.raw(`interval '${THROTTLE.lockMinutes} minutes'`)
  const expired = sql`auth_throttle.window_started_at < now() - ${window}`
  const next = sql`CASE WHEN ${expired} THEN 1 ELSE auth_throttle.failures + 1 END`
  await db.execute(sql`
    INSERT INTO auth_throttle (key, failures, window_started_at, locked_until)
    VALUES (${key}, 1, now(), CASE WHEN 1 >= ${maxFailures} THEN now() + ${lock} END)
    ON CONFLICT (key) DO UPDATE SET
      failures = ${next},
      window_started_at = CASE WHEN ${expired} THEN now() ELSE auth_throttle.window_started_at END,
      locked_until = CASE WHEN ${next} >= ${maxFailures} THEN now() + ${lock} ELSE auth_throttle.locked_until END`)
  // Keep the table small without a scheduler: now and then, drop long-finished rows.
  if (Math.random() < 0.02) {
    await db
      .delete(authThrottle)
      .where(
        and(
          lt(authThrottle.windowStartedAt, sql`now() - interval '1 day'`),
          sql`(${authThrottle.lockedUntil} IS NULL OR ${authThrottle.lockedUntil} < now())`,
        ),
      )
  }
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key))
}
