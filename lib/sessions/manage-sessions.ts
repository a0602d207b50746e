import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { dashboardSessions, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { mayActOnUsers, OUTRANKED_MESSAGE } from '@/lib/auth/privilege'
import { forbidden, notFound, type Result } from '@/lib/validation/result'

export type SignOutResult = Result<{ ended: number; message: string; signedOutSelf: boolean }>

const inputSchema = z.object({ userId: z.uuid(), sessionId: z.uuid().optional() })
const GONE = 'This user no longer exists.'
const ENDED = 'That session has already ended.'

/**
 * Signs a user out: one dashboard session (`sessionId`) or all of them. One's
 * own sessions are anyone's to end (My account); another user's need
 * `users.update` and no more rights than the actor's (else not found, as if
 * absent). The sessions end in this transaction, so the next eligibility answer
 * is `not_signed_in` and the browser's next request goes to the sign-in page;
 * a trigger tells live boards (migration 0019). An admin's sign-out of someone
 * else is audited: who, whom, which session.
 */
export async function signOutSessions(
  db: Db,
  actor: Actor & { sessionId?: string },
  raw: { userId: unknown; sessionId?: unknown },
): Promise<SignOutResult> {
  const parsed = inputSchema.safeParse({ userId: raw.userId, sessionId: raw.sessionId || undefined })
  if (!parsed.success) return notFound(parsed.error.issues[0]?.path[0] === 'sessionId' ? ENDED : GONE)
  const { userId, sessionId } = parsed.data
  const own = userId === actor.userId
  if (!own && !actor.permissions.has('users.update')) return forbidden()
  return db.transaction(async (tx): Promise<SignOutResult> => {
    const [target] = await tx
      .select({ id: users.id, fullName: users.fullName })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId), isNull(users.deletedAt)))
    if (!target) return notFound(GONE)
    if (!own && !(await mayActOnUsers(tx, actor, [userId]))) return notFound(OUTRANKED_MESSAGE)
    const ended = await tx
      .update(dashboardSessions)
      .set({ endedAt: sql`now()`, endReason: own ? 'signed-out-elsewhere' : 'signed-out-by-admin' })
      .where(
        and(
          eq(dashboardSessions.tenantId, actor.tenantId),
          eq(dashboardSessions.userId, userId),
          isNull(dashboardSessions.endedAt),
          sessionId ? eq(dashboardSessions.id, sessionId) : undefined,
        ),
      )
      .returning({ id: dashboardSessions.id })
    if (sessionId && ended.length === 0) return notFound(ENDED)
    if (!own && ended.length) {
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'user.sign_out',
        entityType: 'user',
        entityId: userId,
        after: sessionId ? { sessionId } : { sessions: ended.length, everywhere: true },
      })
    }
    const signedOutSelf = own && ended.some((e) => e.id === actor.sessionId)
    const who = own ? 'You are' : `${target.fullName} is`
    const message = sessionId
      ? 'Signed out that session.'
      : ended.length
        ? `${who} signed out everywhere (${ended.length} session${ended.length === 1 ? '' : 's'}).`
        : `${who} not signed in anywhere.`
    return { ok: true, ended: ended.length, message, signedOutSelf }
  })
}
