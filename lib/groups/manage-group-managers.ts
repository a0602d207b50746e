import 'server-only'
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { groupManagers } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { mayActOnUsers, OUTRANKED_MESSAGE } from '@/lib/auth/privilege'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { GROUP_GONE, groupAndUserOf, recordGroupRemoval } from './manage-groups'

type ManagerResult = Result<{ id: string; message: string }, 'username'>

/**
 * Issue 22: a group's `Managers` (Supervisors and Admins of the workspace),
 * added and removed like members (`settings.manage`). A manager whose profile
 * is scoped to the groups they manage sees this group's members from their
 * next request on. Giving someone a group is acting on them: only on users
 * within the actor's own rights.
 */
export async function addGroupManager(db: Db, actor: Actor, input: { groupId: unknown; username: unknown }): Promise<ManagerResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  return db.transaction(async (tx): Promise<ManagerResult> => {
    const named = await groupAndUserOf(tx, actor.tenantId, input)
    if (!named.ok) return named
    const { groupId, group, user } = named
    if (user.role === 'Agent') return invalid({ username: `${user.fullName} is an Agent: a group’s managers are Supervisors or Admins.` })
    if (!(await mayActOnUsers(tx, actor, [user.id]))) return invalid({ username: OUTRANKED_MESSAGE })
    const added = await tx
      .insert(groupManagers)
      .values({ tenantId: actor.tenantId, groupId, userId: user.id })
      .onConflictDoNothing()
      .returning({ userId: groupManagers.userId })
    if (!added.length) return invalid({ username: `${user.fullName} manages this group already.` })
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'group.add_manager',
      entityType: 'user',
      entityId: user.id,
      after: { group: group.name },
    })
    return { ok: true as const, id: groupId, message: `${user.fullName} manages ${group.name} now.` }
  })
}

export async function removeGroupManager(db: Db, actor: Actor, input: { groupId: unknown; userId: unknown }): Promise<ManagerResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const groupId = z.uuid().safeParse(input.groupId)
  const userId = z.uuid().safeParse(input.userId)
  if (!groupId.success || !userId.success) return notFound(GROUP_GONE)
  return db.transaction(async (tx): Promise<ManagerResult> => {
    if (!(await mayActOnUsers(tx, actor, [userId.data]))) return notFound(OUTRANKED_MESSAGE)
    const removed = await tx
      .delete(groupManagers)
      .where(
        and(eq(groupManagers.tenantId, actor.tenantId), eq(groupManagers.groupId, groupId.data), eq(groupManagers.userId, userId.data)),
      )
      .returning({ userId: groupManagers.userId })
    if (!removed.length) return notFound('That user doesn’t manage this group.')
    await recordGroupRemoval(tx, actor, 'group.remove_manager', groupId.data, userId.data)
    return { ok: true as const, id: groupId.data, message: 'No longer a manager of this group.' }
  })
}
