import 'server-only'
import { eq, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { groups, profiles, users, type Role } from '@/db/schema'
import { managedGroups, scopeCondition, type Reach } from '@/lib/auth/scope'

export interface FilterOptions {
  profiles: { id: string; name: string; role: Role }[]
  groups: { id: string; name: string }[]
  /** The departments the workspace's users have, by name (at most DEPARTMENT_OPTIONS). */
  departments: string[]
}

/** The Department filter offers this many names; past them a department is still a URL parameter away. */
export const DEPARTMENT_OPTIONS = 200

/**
 * The distinct non-empty departments of the workspace's live users (a query of
 * one column, `name`): one index probe per name (a recursive "skip scan" of
 * users_tenant_department_idx), so 100,000 users in 40 departments cost 40
 * lookups, not a read of every row.
 */
function departmentNames(reach: Reach): SQL {
  const tenantId = reach.tenantId
  // A scoped viewer is offered the departments of the members they see: each name of the skip scan is kept
  // when one live member of their groups has it (LATERAL … LIMIT 1: an index walk of that department until
  // the first one; as a plain EXISTS the planner reads every member instead, 70–100 ms for 20,000: bench:scope).
  const scope = scopeCondition(reach)
  const seen = scope
    ? sql`CROSS JOIN LATERAL (SELECT 1 FROM ${users} WHERE ${users.tenantId} = ${tenantId} AND ${users.deletedAt} IS NULL AND ${users.department} = d.name AND ${scope} LIMIT 1) hit`
    : sql``
  return sql`
    WITH RECURSIVE d(name) AS (
      (SELECT department FROM ${users} WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND department > '' ORDER BY department LIMIT 1)
      UNION ALL
      SELECT (SELECT department FROM ${users} WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND department > d.name ORDER BY department LIMIT 1)
      FROM d WHERE d.name IS NOT NULL
    )
    SELECT name FROM d ${seen} WHERE name IS NOT NULL LIMIT ${DEPARTMENT_OPTIONS}`
}

/**
 * The workspace's groups by name (the list's Group filter, the user form's Groups); a scoped viewer's: the groups they
 * manage. The query itself: awaited it runs, or loadFilterOptions reads it as a subquery.
 */
export function loadGroupOptions(db: Queryable, reach: Reach) {
  if (reach.scoped) return managedGroups(db, reach)
  return db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.tenantId, reach.tenantId)).orderBy(groups.name)
}

/**
 * The workspace's profiles, groups and departments as three columns of one row
 * (`profiles`, `groups`, `departments`), each a JSON array in the order shown:
 * the users list reads them in the statement that counts its matches.
 */
export function filterOptionsColumns(db: Queryable, reach: Reach): SQL {
  const profileRows = db
    .select({ id: profiles.id, name: profiles.name, role: profiles.role })
    .from(profiles)
    .where(eq(profiles.tenantId, reach.tenantId))
  return sql`
      (SELECT coalesce(json_agg(p ORDER BY p.role, p.name), '[]') FROM (${profileRows}) p) AS profiles,
      (SELECT coalesce(json_agg(g ORDER BY g.name), '[]') FROM (${loadGroupOptions(db, reach)}) g) AS groups,
      (SELECT coalesce(json_agg(d.name ORDER BY d.name), '[]') FROM (${departmentNames(reach)}) d) AS departments`
}

/** The filter options in one statement (one round trip and one plan instead of three). */
export async function loadFilterOptions(db: Queryable, reach: Reach): Promise<FilterOptions> {
  const result = (await db.execute(sql`SELECT ${filterOptionsColumns(db, reach)}`)) as unknown as { rows: FilterOptions[] }
  return result.rows[0]!
}
