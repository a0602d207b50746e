import 'server-only'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, groups, userGroups, users, type Role } from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'
import { loadGroupOptions } from '@/lib/users/list-filter-options'
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
export async function signedInBoard(db: Queryable, reach: Reach): Promise<SignedInBoard> {
  const tenantId = reach.tenantId
  // A scoped viewer's board counts the members of the groups they manage, by those groups.
  const live = and(eq(users.tenantId, tenantId), isNull(users.deletedAt), eq(users.status, 'active'), signedInSql(), scopeCondition(reach))
  // The signed-in users once (a semi-join on the open sessions), then counted by role and by
  // membership: 10,000 signed in cost 10,000 membership lookups, not a pass over every membership.
  const counting = db.execute(sql`
    WITH live AS (SELECT ${users.id} AS id, ${users.role} AS role, ${users.forceLogin} AS force_login FROM ${users} WHERE ${live}),
    roles AS (SELECT role, force_login, count(*)::int AS n FROM live GROUP BY role, force_login),
    grouped AS (
      SELECT ug.group_id, count(*)::int AS n, (count(*) FILTER (WHERE live.force_login))::int AS f
      FROM live JOIN ${userGroups} ug ON ug.tenant_id = ${tenantId} AND ug.user_id = live.id GROUP BY ug.group_id),
    alone AS (
      SELECT count(*)::int AS n, (count(*) FILTER (WHERE force_login))::int AS f FROM live
      WHERE NOT EXISTS (SELECT 1 FROM ${userGroups} ug WHERE ug.tenant_id = ${tenantId} AND ug.user_id = live.id))
    SELECT (SELECT coalesce(json_agg(roles), '[]'::json) FROM roles) AS roles,
           (SELECT coalesce(json_agg(grouped), '[]'::json) FROM grouped) AS grouped,
           (SELECT row_to_json(alone) FROM alone) AS alone`) as unknown as Promise<{
    rows: { roles: unknown; grouped: unknown; alone: unknown }[]
  }>
  const [counted, groupRows, people] = await Promise.all([
    counting,
    loadGroupOptions(db, reach),
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
  const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T
  const row = counted.rows[0]!
  const roles = json<{ role: Role; force_login: boolean; n: number }[]>(row.roles)
  const grouped = new Map(json<{ group_id: string; n: number; f: number }[]>(row.grouped).map((g) => [g.group_id, g]))
  const alone = json<{ n: number; f: number } | null>(row.alone) ?? { n: 0, f: 0 }
  const byRole: Record<Role, number> = { Admin: 0, Supervisor: 0, Agent: 0 }
  let forceLogin = 0
  for (const r of roles) {
    byRole[r.role] += r.n
    if (r.force_login) forceLogin += r.n
  }
  return {
    total: byRole.Admin + byRole.Supervisor + byRole.Agent,
    forceLogin,
    byRole,
    byGroup: [
      ...groupRows.map((g) => ({ id: g.id, name: g.name, signedIn: grouped.get(g.id)?.n ?? 0, forceLogin: grouped.get(g.id)?.f ?? 0 })),
      { id: null, name: 'No group', signedIn: alone.n, forceLogin: alone.f },
    ],
    people: people.map((p) => ({ ...p, since: p.since ?? new Date() })),
  }
}
