import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { dashboardSessions, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { invalid, type Result } from '@/lib/validation/result'
import { passwordProblem } from '@/lib/auth/password-policy'
import { hashPassword, verifyPassword } from '@/lib/auth/passwords'
import { endDashboardSessions, openDashboardSession } from '@/lib/auth/session-user'

export type ChangePasswordResult = Result<{ sessionVersion: number; sessionId: string }, 'currentPassword' | 'newPassword'>

/**
 * A signed-in user changes their own password, proving the current one. Every
 * other session of theirs ends (session version + their other dashboard
 * sessions), this one too, and a new dashboard session is opened for this
 * browser: the caller re-issues the cookie with its id and the new version.
 */
export async function changeOwnPassword(
  db: Db,
  me: Actor & { sessionId: string },
  input: { currentPassword: unknown; newPassword: unknown },
): Promise<ChangePasswordResult> {
  const current = typeof input.currentPassword === 'string' ? input.currentPassword : ''
  const next = typeof input.newPassword === 'string' ? input.newPassword : ''
  const [user] = await db
    .select({ passwordHash: users.passwordHash, username: users.username, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId), isNull(users.deletedAt)))
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    return invalid({ currentPassword: 'That is not your current password.' })
  }
  const problem = next === current ? 'Choose a password different from the current one.' : passwordProblem(next, user)
  if (problem) return invalid({ newPassword: problem })
  const passwordHash = await hashPassword(next)
  return db.transaction(async (tx): Promise<ChangePasswordResult> => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId)))
      .returning({ sessionVersion: users.sessionVersion })
    const [current] = await tx
      .select({ ip: dashboardSessions.ip, userAgent: dashboardSessions.userAgent, expiresAt: dashboardSessions.expiresAt })
      .from(dashboardSessions)
      .where(and(eq(dashboardSessions.tenantId, me.tenantId), eq(dashboardSessions.id, me.sessionId)))
    await endDashboardSessions(tx, me.tenantId, [me.userId], 'password-changed')
    // Same browser, same end of shift; a new id, so the pre-change cookie can't end it.
    const sessionId = await openDashboardSession(tx, {
      tenantId: me.tenantId,
      userId: me.userId,
      ip: current?.ip ?? null,
      userAgent: current?.userAgent ?? '',
      expiresAt: current?.expiresAt,
    })
    await recordAudit(tx, {
      tenantId: me.tenantId,
      actor: me,
      action: 'user.password_change',
      entityType: 'user',
      entityId: me.userId,
      after: { by: 'self' },
    })
    return { ok: true, sessionVersion: updated!.sessionVersion, sessionId }
  })
}
