import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Tx } from '@/db/client'
import { groups, userGroups, users, type Role } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { isUniqueViolation } from '@/db/errors'
import type { Actor } from '@/lib/auth/actor'
import { forbidden, invalid, notFound, refuse, type Refusal, type Result } from '@/lib/validation/result'
import { singleLineText } from '@/lib/validation/text'
import { groupNameSchema as nameSchema } from './group-input'

export const GROUP_GONE = 'This group no longer exists.'
export type GroupResult = Result<{ id: string; message: string }, 'name' | 'username'>

const nameTaken = invalid<'name'>({ name: 'Another group of this workspace has this name.' })
const nameError = (error: { issues: { message: string }[] }) => invalid<'name'>({ name: error.issues[0]!.message })

/** Creates a group (`settings.manage`); names are unique per workspace, any case. */
export async function createGroup(db: Db, actor: Actor, input: { name: unknown }): Promise<GroupResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const name = nameSchema.safeParse(input.name)
  if (!name.success) return nameError(name.error)
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(groups).values({ tenantId: actor.tenantId, name: name.data }).returning({ id: groups.id })
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'group.create',
        entityType: 'group',
        entityId: row!.id,
        after: { name: name.data },
      })
      return { ok: true as const, id: row!.id, message: `Group “${name.data}” created.` }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'groups_tenant_name_key')) return nameTaken
    throw error
  }
}

/** Renames a group; its members' search text follows (trigger). */
export async function renameGroup(db: Db, actor: Actor, input: { id: unknown; name: unknown }): Promise<GroupResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const id = z.uuid().safeParse(input.id)
  const name = nameSchema.safeParse(input.name)
  if (!id.success) return notFound(GROUP_GONE)
  if (!name.success) return nameError(name.error)
  try {
    return await db.transaction(async (tx): Promise<GroupResult> => {
      const [before] = await tx
        .select({ name: groups.name })
        .from(groups)
        .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, id.data)))
        .for('update')
      if (!before) return notFound(GROUP_GONE)
      await tx
        .update(groups)
        .set({ name: name.data, version: sql`${groups.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, id.data)))
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'group.update',
        entityType: 'group',
        entityId: id.data,
        before,
        after: { name: name.data },
      })
      return { ok: true as const, id: id.data, message: 'Group renamed.' }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'groups_tenant_name_key')) return nameTaken
    throw error
  }
}

/** Deletes a group; its memberships go with it (the users stay). */
export async function deleteGroup(db: Db, actor: Actor, input: { id: unknown }): Promise<GroupResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const id = z.uuid().safeParse(input.id)
  if (!id.success) return notFound(GROUP_GONE)
  const result = await db.transaction((tx) => deleteGroupIn(tx, actor, id.data, null))
  return result.ok ? { ok: true, id: id.data, message: `Group “${result.name}” deleted.` } : result
}

/**
 * The deletion itself, in the caller's transaction (the group's page, SCIM):
 * from `expectedVersion` when one is given (an older one deletes nothing).
 */
export async function deleteGroupIn(
  tx: Tx,
  actor: Actor,
  groupId: string,
  expectedVersion: number | null,
): Promise<Result<{ name: string }>> {
  const [group] = await tx
    .select({ name: groups.name, version: groups.version })
    .from(groups)
    .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId)))
    .for('update')
  if (!group) return notFound(GROUP_GONE)
  if (expectedVersion !== null && expectedVersion !== group.version)
    return refuse('stale', 'This group changed since the version you sent.')
  // Memberships first, so their trigger refreshes the members' search text.
  const members = await tx
    .delete(userGroups)
    .where(and(eq(userGroups.tenantId, actor.tenantId), eq(userGroups.groupId, groupId)))
    .returning({ userId: userGroups.userId })
  await tx.delete(groups).where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId)))
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor,
    action: 'group.delete',
    entityType: 'group',
    entityId: groupId,
    before: { name: group.name, members: members.length },
  })
  return { ok: true, name: group.name }
}

/**
 * What adding someone to a group names: the group and a live user of the
 * workspace by username, or why not (the members' and the managers' forms alike).
 */
export async function groupAndUserOf(
  tx: Tx,
  tenantId: string,
  input: { groupId: unknown; username: unknown },
): Promise<
  { ok: true; groupId: string; group: { name: string }; user: { id: string; fullName: string; role: Role } } | Refusal<'username'>
> {
  const groupId = z.uuid().safeParse(input.groupId)
  const username = singleLineText().trim().toLowerCase().min(1).max(64).safeParse(input.username)
  if (!groupId.success) return notFound(GROUP_GONE)
  if (!username.success) return invalid({ username: 'Enter a username.' })
  const [group] = await tx
    .select({ name: groups.name })
    .from(groups)
    .where(and(eq(groups.tenantId, tenantId), eq(groups.id, groupId.data)))
  if (!group) return notFound(GROUP_GONE)
  const [user] = await tx
    .select({ id: users.id, fullName: users.fullName, role: users.role })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username.data), isNull(users.deletedAt)))
  if (!user) return invalid({ username: `No user “${username.data}” in this workspace.` })
  return { ok: true, groupId: groupId.data, group, user }
}

/** The audit entry of someone taken out of a group (as a member or a manager), naming the group as it is now. */
export async function recordGroupRemoval(
  tx: Tx,
  actor: Actor,
  action: 'group.remove_member' | 'group.remove_manager',
  groupId: string,
  userId: string,
) {
  const [group] = await tx
    .select({ name: groups.name })
    .from(groups)
    .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId)))
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor,
    action,
    entityType: 'user',
    entityId: userId,
    before: { group: group?.name ?? null },
  })
}

/** Adds a live user of the workspace, by username, to a group. */
export async function addGroupMember(db: Db, actor: Actor, input: { groupId: unknown; username: unknown }): Promise<GroupResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  return db.transaction(async (tx): Promise<GroupResult> => {
    const named = await groupAndUserOf(tx, actor.tenantId, input)
    if (!named.ok) return named
    const { groupId, group, user } = named
    const added = await tx
      .insert(userGroups)
      .values({ tenantId: actor.tenantId, userId: user.id, groupId })
      .onConflictDoNothing()
      .returning({ userId: userGroups.userId })
    if (!added.length) return invalid({ username: `${user.fullName} is in this group already.` })
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'group.add_member',
      entityType: 'user',
      entityId: user.id,
      after: { group: group.name },
    })
    return { ok: true as const, id: groupId, message: `${user.fullName} added.` }
  })
}

export async function removeGroupMember(db: Db, actor: Actor, input: { groupId: unknown; userId: unknown }): Promise<GroupResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const groupId = z.uuid().safeParse(input.groupId)
  const userId = z.uuid().safeParse(input.userId)
  if (!groupId.success || !userId.success) return notFound(GROUP_GONE)
  return db.transaction(async (tx): Promise<GroupResult> => {
    const removed = await tx
      .delete(userGroups)
      .where(and(eq(userGroups.tenantId, actor.tenantId), eq(userGroups.groupId, groupId.data), eq(userGroups.userId, userId.data)))
      .returning({ userId: userGroups.userId })
    if (!removed.length) return notFound('That user is not in this group.')
    await recordGroupRemoval(tx, actor, 'group.remove_member', groupId.data, userId.data)
    return { ok: true as const, id: groupId.data, message: 'Removed from the group.' }
  })
}
