import 'server-only'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { groupManagers, groups, userGroups, users } from '@/db/schema'

/**
 * Team scope (issue 22). A user whose profile's scope is `Only the groups they
 * manage` sees and acts only on members of at least one group they manage;
 * everyone else is as if absent (404). This module is the one place that says
 * so: every read of users takes a `Reach` (an actor is one), and the privilege
 * rules (lib/auth/privilege.ts) count a user out of reach as one with every right.
 *
 * The scope is a join on the memberships and the manager rows as they are now,
 * in the same query: never a list of ids from the application, never cached,
 * so a change of membership or management counts on the next request.
 */
export interface Reach {
  tenantId: string
  userId: string
  scoped?: boolean
  /**
   * How many memberships the reach's managed groups hold, up to SMALL_SCOPE + 1,
   * read with the user on this request (scopeSizeColumn): it only picks the
   * query's shape (below); what is in scope is still read live in every query.
   */
  scopeSize?: number
}

/**
 * At most this many memberships, the scope is the array of its members' ids
 * (read by the database in the same query) and the page looks them up by id: a
 * small team in a large workspace otherwise walks the whole workspace in name
 * order looking for its few members (545 ms for a page of an empty scope at
 * 100,000 users, 2 ms this way). Above it, the EXISTS: a sizeable share of the
 * workspace is found within the first rows of the walk (bench:scope).
 */
export const SMALL_SCOPE = 500

/** Everyone of the workspace: scripts, the identity provider, the workspace's own jobs. */
export const wholeWorkspace = (tenantId: string): Reach => ({ tenantId, userId: '00000000-0000-0000-0000-000000000000' })

/** The memberships of the groups `managerId` manages (FROM … WHERE …: the caller says what to take of them). */
const managedMemberships = (tenantId: unknown, managerId: unknown) =>
  sql`FROM ${groupManagers} JOIN ${userGroups}
      ON ${userGroups.tenantId} = ${groupManagers.tenantId} AND ${userGroups.groupId} = ${groupManagers.groupId}
      WHERE ${groupManagers.tenantId} = ${tenantId} AND ${groupManagers.userId} = ${managerId}`

/**
 * The condition on `users` that keeps a scoped reach to members of the groups
 * its user manages; undefined for the whole workspace (drizzle's `and` drops it).
 */
export function scopeCondition(reach: Reach, userRef: { tenantId: unknown; id: unknown } = users): SQL | undefined {
  if (!reach.scoped) return undefined
  if (reach.scopeSize !== undefined && reach.scopeSize <= SMALL_SCOPE) {
    return sql`${userRef.id} = ANY (ARRAY(SELECT ${userGroups.userId} ${managedMemberships(reach.tenantId, reach.userId)}))`
  }
  return sql`EXISTS (SELECT 1 FROM ${userGroups} JOIN ${groupManagers}
    ON ${groupManagers.tenantId} = ${userGroups.tenantId} AND ${groupManagers.groupId} = ${userGroups.groupId} AND ${groupManagers.userId} = ${reach.userId}
    WHERE ${userGroups.tenantId} = ${userRef.tenantId} AND ${userGroups.userId} = ${userRef.id})`
}

/**
 * `scopeSize` as a column of a query of the user (`users` row, their profile's
 * scope): counted only for a scoped profile, and only up to SMALL_SCOPE + 1.
 */
export function scopeSizeColumn(scope: unknown) {
  return sql<
    number | null
  >`CASE WHEN ${scope} = 'managed_groups' THEN (SELECT count(*)::int FROM (SELECT 1 ${managedMemberships(users.tenantId, users.id)} LIMIT ${SMALL_SCOPE + 1}) AS m) END`
}

/**
 * The groups the reach's user manages (all of the workspace's for an unscoped reach is the caller's business: this is
 * the managed ones), by name. The query itself: awaited it runs, or another query reads it as a subquery.
 */
export function managedGroups(db: Queryable, reach: Reach) {
  return db
    .select({ id: groups.id, name: groups.name })
    .from(groupManagers)
    .innerJoin(groups, and(eq(groups.tenantId, groupManagers.tenantId), eq(groups.id, groupManagers.groupId)))
    .where(and(eq(groupManagers.tenantId, reach.tenantId), eq(groupManagers.userId, reach.userId)))
    .orderBy(groups.name)
}

export const SCOPED_GROUP_REQUIRED = 'Choose one of the groups you manage: you see only their members.'
export const SCOPED_LAST_GROUP = 'Keep them in one of the groups you manage: without it you could no longer see them.'
