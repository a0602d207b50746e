import 'server-only'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, groups, userGroups, users, type Role } from '@/db/schema'
import { signedInSinceColumn, signedInSql } from './list-sessions'

/** The board names at most this many people (by name); the counts are always whole. */
export const BOARD_PEOPLE = 500

export interface SignedInBoard {
  total: number
  /** Signed in with force login: the ones whose extension takes calls now. */
  forceLogin: number
  byRole: Record<Role, number>
  byGroup: { id: string | null; name: string; signedIn: number; forceLogin: number }[]
  people: {
    id: string
    fullName: string
    role: Role
    forceLogin: boolean
    extensionNumber: string | null
    groups: string[]
    since: Date
  }[]
}

/**
 * Reports › Signed in now: every active user of the workspace with a live
 * dashboard session (not ended, not expired, not idle past the timeout: the
 * same test as the list's filter and the PBX's eligibility), counted by role
 * and group, and the first BOARD_PEOPLE of them by name.
 */
export async function signedInBoard(db: Queryable, tenantId: string): Promise<SignedInBoard> {
  const live = and(eq(users.tenantId, tenantId), isNull(users.deletedAt), eq(users.status, 'active'), signedInSql())
  const [roleRows, groupRows, people] = await Promise.all([
    db
      .select({ role: users.role, forceLogin: users.forceLogin, n: sql<number>`count(*)::int` })
      .from(users)
      .where(live)
      .groupBy(users.role, users.forceLogin),
    db
      .select({
        id: groups.id,
        name: groups.name,
        signedIn: sql<number>`count(${users.id})::int`,
        forceLogin: sql<number>`(count(${users.id}) FILTER (WHERE ${users.forceLogin}))::int`,
      })
      .from(groups)
      .leftJoin(userGroups, and(eq(userGroups.tenantId, groups.tenantId), eq(userGroups.groupId, groups.id)))
      .leftJoin(users, and(eq(users.tenantId, userGroups.tenantId), eq(users.id, userGroups.userId), live))
      .where(eq(groups.tenantId, tenantId))
      .groupBy(groups.id, groups.name)
      .orderBy(asc(groups.name)),
    db
      .select({
        id: users.id,
        fullName: users.fullName,
        role: users.role,
        forceLogin: users.forceLogin,
        extensionNumber: extensions.number,
        since: signedInSinceColumn(),
        groups: sql<string[]>`coalesce((
          SELECT array_agg(${groups.name} ORDER BY ${groups.name}) FROM ${userGroups}
          JOIN ${groups} ON ${groups.tenantId} = ${userGroups.tenantId} AND ${groups.id} = ${userGroups.groupId}
          WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id}), '{}')`,
      })
      .from(users)
      .leftJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
      .where(live)
      .orderBy(asc(users.fullName), asc(users.id))
      .limit(BOARD_PEOPLE),
  ])
  const byRole: Record<Role, number> = { Admin: 0, Supervisor: 0, Agent: 0 }
  let forceLogin = 0
  for (const r of roleRows) {
    byRole[r.role] += r.n
    if (r.forceLogin) forceLogin += r.n
  }
  const total = byRole.Admin + byRole.Supervisor + byRole.Agent
  const [ungrouped] = await db
    .select({ n: sql<number>`count(*)::int`, f: sql<number>`(count(*) FILTER (WHERE ${users.forceLogin}))::int` })
    .from(users)
    .where(
      and(
        live,
        sql`NOT EXISTS (SELECT 1 FROM ${userGroups} WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id})`,
      ),
    )
  return {
    total,
    forceLogin,
    byRole,
    byGroup: [
      ...groupRows.map((g) => ({ id: g.id, name: g.name, signedIn: g.signedIn, forceLogin: g.forceLogin })),
      { id: null, name: 'No group', signedIn: ungrouped?.n ?? 0, forceLogin: ungrouped?.f ?? 0 },
    ],
    people: people.map((p) => ({ ...p, since: p.since ?? new Date() })),
  }
}
