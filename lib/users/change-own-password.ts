import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit'
import { passwordProblem } from '@/lib/auth/password-policy'
import { hashPassword, verifyPassword } from '@/lib/auth/passwords'
import { endDashboardSessions } from './admin-guard'

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; fieldErrors: Partial<Record<'currentPassword' | 'newPassword', string>> }

/**
 * A signed-in user changes their own password, proving the current one. Every
 * other session of theirs ends (session version + their other dashboard
 * sessions); the caller re-issues this session with the new version.
 */
export async function changeOwnPassword(
  db: Db,
  me: AuditActor & { userId: string; tenantId: string; sessionId: string },
  currentPassword: unknown,
  newPassword: unknown,
): Promise<ChangePasswordResult> {
  const current = typeof currentPassword === 'string' ? currentPassword : ''
  const next = typeof newPassword === 'string' ? newPassword : ''
  const [user] = await db
    .select({ passwordHash: users.passwordHash, username: users.username, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId), isNull(users.deletedAt)))
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    return { ok: false, fieldErrors: { currentPassword: 'That is not your current password.' } }
  }
  const problem = next === current ? 'Choose a password different from the current one.' : passwordProblem(next, user)
  if (problem) return { ok: false, fieldErrors: { newPassword: problem } }
  const passwordHash = await hashPassword(next)
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId)))
      .returning({ sessionVersion: users.sessionVersion })
    await endDashboardSessions(tx, me.tenantId, [me.userId], 'password-changed', me.sessionId)
    await recordAudit(tx, { tenantId: me.tenantId, actor: me, action: 'user.password_change', entityType: 'user', entityId: me.userId, after: { by: 'self' } })
    return { ok: true, sessionVersion: updated!.sessionVersion }
  })
}
