import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { groupManagers, groups, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { mayActOnUsers, OUTRANKED_MESSAGE } from '@/lib/auth/privilege'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { singleLineText } from '@/lib/validation/text'

type ManagerResult = Result<{ id: string; message: string }, 'username'>
const GONE = 'This group no longer exists.'

/**
 * Issue 22: a group's `Managers` (Supervisors and Admins of the workspace),
 * added and removed like members (`settings.manage`). A manager whose profile
 * is scoped to the groups they manage sees this group's members from their
 * next request on. Giving someone a group is acting on them: only on users
 * within the actor's own rights.
 */
export async function addGroupManager(db: Db, actor: Actor, input: { groupId: unknown; username: unknown }): Promise<ManagerResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const groupId = z.uuid().safeParse(input.groupId)
  const username = singleLineText().trim().toLowerCase().min(1).max(64).safeParse(input.username)
  if (!groupId.success) return notFound(GONE)
  if (!username.success) return invalid({ username: 'Enter a username.' })
  return db.transaction(async (tx): Promise<ManagerResult> => {
    const [group] = await tx
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId.data)))
    if (!group) return notFound(GONE)
    const [user] = await tx
      .select({ id: users.id, fullName: users.fullName, role: users.role })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.username, username.data), isNull(users.deletedAt)))
    if (!user) return invalid({ username: `No user “${username.data}” in this workspace.` })
    if (user.role === 'Agent') return invalid({ username: `${user.fullName} is an Agent: a group’s managers are Supervisors or Admins.` })
    if (!(await mayActOnUsers(tx, actor, [user.id]))) return invalid({ username: OUTRANKED_MESSAGE })
    const added = await tx
      .insert(groupManagers)
      .values({ tenantId: actor.tenantId, groupId: groupId.data, userId: user.id })
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
    return { ok: true as const, id: groupId.data, message: `${user.fullName} manages ${group.name} now.` }
  })
}

export async function removeGroupManager(db: Db, actor: Actor, input: { groupId: unknown; userId: unknown }): Promise<ManagerResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const groupId = z.uuid().safeParse(input.groupId)
  const userId = z.uuid().safeParse(input.userId)
  if (!groupId.success || !userId.success) return notFound(GONE)
  return db.transaction(async (tx): Promise<ManagerResult> => {
    if (!(await mayActOnUsers(tx, actor, [userId.data]))) return notFound(OUTRANKED_MESSAGE)
    const removed = await tx
      .delete(groupManagers)
      .where(
        and(eq(groupManagers.tenantId, actor.tenantId), eq(groupManagers.groupId, groupId.data), eq(groupManagers.userId, userId.data)),
      )
      .returning({ userId: groupManagers.userId })
    if (!removed.length) return notFound('That user doesn’t manage this group.')
    const [group] = await tx
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId.data)))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'group.remove_manager',
      entityType: 'user',
      entityId: userId.data,
      before: { group: group?.name ?? null },
    })
    return { ok: true as const, id: groupId.data, message: 'No longer a manager of this group.' }
  })
}
