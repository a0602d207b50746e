import 'server-only'
import { and, asc, count, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import { groupManagers, groups, userGroups, users } from '@/db/schema'

/** The workspace's groups (or just `onlyId`) with their number of live members. */
export async function listGroups(db: Queryable, tenantId: string, onlyId?: string) {
  return db
    .select({ id: groups.id, name: groups.name, members: count(users.id) })
    .from(groups)
    .leftJoin(userGroups, and(eq(userGroups.tenantId, groups.tenantId), eq(userGroups.groupId, groups.id)))
    .leftJoin(users, and(eq(users.tenantId, userGroups.tenantId), eq(users.id, userGroups.userId), isNull(users.deletedAt)))
    .where(and(eq(groups.tenantId, tenantId), onlyId ? eq(groups.id, onlyId) : undefined))
    .groupBy(groups.tenantId, groups.id)
    .orderBy(asc(groups.name))
}

export const GROUP_MEMBERS_PAGE_SIZE = 50

/** A group of the workspace and one page of its live members by name, or null. */
export async function findGroupWithMembers(db: Queryable, tenantId: string, rawId: string, page: number) {
  const id = z.uuid().safeParse(rawId)
  if (!id.success) return null
  const [group] = await db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.tenantId, tenantId), eq(groups.id, id.data)))
  if (!group) return null
  const members = await db
    .select({ id: users.id, fullName: users.fullName, username: users.username, role: users.role })
    .from(userGroups)
    .innerJoin(users, and(eq(users.tenantId, userGroups.tenantId), eq(users.id, userGroups.userId), isNull(users.deletedAt)))
    .where(and(eq(userGroups.tenantId, tenantId), eq(userGroups.groupId, id.data)))
    .orderBy(asc(users.fullName), asc(users.id))
    .limit(GROUP_MEMBERS_PAGE_SIZE + 1)
    .offset((page - 1) * GROUP_MEMBERS_PAGE_SIZE)
  // A group has a handful of managers: all of them, by name.
  const managers = await db
    .select({ id: users.id, fullName: users.fullName, username: users.username, role: users.role })
    .from(groupManagers)
    .innerJoin(users, and(eq(users.tenantId, groupManagers.tenantId), eq(users.id, groupManagers.userId), isNull(users.deletedAt)))
    .where(and(eq(groupManagers.tenantId, tenantId), eq(groupManagers.groupId, id.data)))
    .orderBy(asc(users.fullName), asc(users.id))
  return { group, managers, members: members.slice(0, GROUP_MEMBERS_PAGE_SIZE), hasMore: members.length > GROUP_MEMBERS_PAGE_SIZE }
}
