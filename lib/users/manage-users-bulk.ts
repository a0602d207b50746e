import 'server-only'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import { actingUserId, recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import type { Permission } from '@/lib/auth/permissions'
import { mayActOnUsers, OUTRANKED_MESSAGE, OUTRANKED_SOME_MESSAGE } from '@/lib/auth/privilege'
import { conflict, forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { leavesNoActiveAdmin, lockActiveAdmins } from './admin-guard'
import { endDashboardSessions } from '@/lib/auth/session-user'

export const BULK_ACTIONS = ['activate', 'deactivate', 'delete'] as const

export const bulkInputSchema = z.object({
  action: z.enum(BULK_ACTIONS),
  ids: z.array(z.uuid()).min(1, 'Select at least one user.').max(100, 'Select at most 100 users at a time.'),
})

export type BulkResult = Result<{ changed: number }>

/**
 * Activate, deactivate or (soft) delete several users of the actor's workspace
 * (untrusted input, checked here: Activate/Deactivate need `users.update`,
 * Delete needs `users.delete`). All or nothing: nobody deactivates or deletes
 * themselves, nobody acts on users with more rights than their own, and the
 * workspace always keeps an active admin. Deactivating or deleting ends the
 * users' sessions; deleting also frees their extension.
 */
export async function runBulkAction(db: Db, actor: Actor, raw: { action: unknown; ids: unknown }): Promise<BulkResult> {
  const parsed = bulkInputSchema.safeParse(raw)
  if (!parsed.success) return invalid({}, parsed.error.issues[0]?.message ?? 'That request was not valid.')
  const { action, ids } = parsed.data
  const needed: Permission = action === 'delete' ? 'users.delete' : 'users.update'
  if (!actor.permissions.has(needed)) return forbidden()
  const unique = [...new Set(ids)]
  if (action !== 'activate' && unique.includes(actor.userId)) {
    return conflict(action === 'delete' ? 'You can’t delete yourself.' : 'You can’t deactivate yourself.')
  }
  return db.transaction(async (tx): Promise<BulkResult> => {
    const admins = await lockActiveAdmins(tx, actor.tenantId)
    const targets = await tx
      .select({
        id: users.id,
        role: users.role,
        status: users.status,
        username: users.username,
        email: users.email,
        extensionId: users.extensionId,
      })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), inArray(users.id, unique), isNull(users.deletedAt)))
      .for('update')
    if (targets.length === 0) return notFound('None of those users exist any more.')
    // Nobody acts on users with more rights than their own; for one user (the API's DELETE) that is a 404.
    if (
      !(await mayActOnUsers(
        tx,
        actor,
        targets.map((t) => t.id),
      ))
    ) {
      return notFound(targets.length === 1 ? OUTRANKED_MESSAGE : OUTRANKED_SOME_MESSAGE)
    }

    if (action !== 'activate') {
      const removed = new Set(targets.filter((t) => t.role === 'Admin' && t.status === 'active').map((t) => t.id))
      if (leavesNoActiveAdmin(admins, removed)) {
        return conflict(`${admins.message} Leave one out.`)
      }
    }

    const changed = targets.filter((t) =>
      action === 'activate' ? t.status !== 'active' : action === 'deactivate' ? t.status !== 'inactive' : true,
    )
    const changedIds = changed.map((t) => t.id)
    if (changedIds.length === 0) return { ok: true, changed: 0 }
    const where = and(eq(users.tenantId, actor.tenantId), inArray(users.id, changedIds))

    if (action === 'activate') {
      await tx
        .update(users)
        .set({ status: 'active', version: sql`${users.version} + 1`, updatedAt: sql`now()` })
        .where(where)
    } else if (action === 'deactivate') {
      await tx
        .update(users)
        .set({
          status: 'inactive',
          sessionVersion: sql`${users.sessionVersion} + 1`,
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(where)
      await endDashboardSessions(tx, actor.tenantId, changedIds, 'deactivated')
    } else {
      await tx
        .update(users)
        .set({
          deletedAt: sql`now()`,
          deletedBy: actingUserId(actor),
          deletedExtensionId: sql`${users.extensionId}`,
          extensionId: null,
          forceLogin: false,
          sessionVersion: sql`${users.sessionVersion} + 1`,
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(where)
      await endDashboardSessions(tx, actor.tenantId, changedIds, 'deleted')
    }

    for (const t of changed) {
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: `user.${action}`,
        entityType: 'user',
        entityId: t.id,
        before:
          action === 'delete'
            ? { username: t.username, email: t.email, status: t.status, extensionId: t.extensionId }
            : { status: t.status },
        after: action === 'delete' ? { deleted: true } : { status: action === 'activate' ? 'active' : 'inactive' },
      })
    }
    return { ok: true, changed: changedIds.length }
  })
}
