import { eq, sql } from 'drizzle-orm'
import { wholeWorkspace, type Reach } from '@/lib/auth/scope'
import type { Db } from '@/db/client'
import { groups, tenants } from '@/db/schema'
import { parseUserListParams } from '@/lib/users/list-params'
import { userListQueries } from '@/lib/users/list-users'

/** The views the users-list benchmark measures, as URL query strings. */
export async function benchViews(db: Db, slug: string): Promise<{ tenantId: string; views: [string, string][] }> {
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug))
  if (!tenant) throw new Error(`No workspace "${slug}": run npm run seed:bulk first`)
  const [group] = await db.select({ id: groups.id }).from(groups).where(eq(groups.tenantId, tenant.id)).orderBy(groups.name).limit(1)
  return {
    tenantId: tenant.id,
    views: [
      ['no filter', ''],
      ['search, 3+ characters', 'q=kafo'],
      ['search, 2 characters', 'q=ma'],
      ['group filter', `group=${group!.id}`],
      ['role + status filter', 'role=Supervisor&status=inactive'],
      ['sort by last login', 'sort=-last_login'],
      ['last login: never', 'lastLogin=never'],
      ['last login: more than 90 days ago', 'lastLogin=90d'],
      ['department filter', 'department=Billing'],
      ['page 200', 'page=200'],
    ],
  }
}

async function explainMs(db: Db, query: { getSQL(): ReturnType<typeof sql> }): Promise<number> {
  const result = (await db.execute(sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`)) as unknown as { rows: { 'QUERY PLAN': unknown }[] }
  const raw = result.rows[0]!['QUERY PLAN']
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ 'Planning Time': number; 'Execution Time': number }]
  return plan[0]['Planning Time'] + plan[0]['Execution Time']
}

/** Planning + execution time of the queries the page runs for `query` (rows with their groups, and the count), in ms (EXPLAIN ANALYZE). */
export async function sqlTimeMs(db: Db, tenantId: string | Reach, query: string): Promise<number> {
  const params = parseUserListParams(new URLSearchParams(query))
  const q = userListQueries(db, typeof tenantId === 'string' ? wholeWorkspace(tenantId) : tenantId, params)
  return (await explainMs(db, q.rows)) + (await explainMs(db, q.count))
}

/** The plans (EXPLAIN ANALYZE, text) of the queries the page runs for `query`: what a view that misses its target prints. */
export async function planText(db: Db, tenantId: string | Reach, query: string): Promise<string> {
  const params = parseUserListParams(new URLSearchParams(query))
  const q = userListQueries(db, typeof tenantId === 'string' ? wholeWorkspace(tenantId) : tenantId, params)
  const parts: string[] = []
  for (const [name, part] of [
    ['rows', q.rows],
    ['count', q.count],
  ] as const) {
    const result = (await db.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${part}`)) as unknown as { rows: { 'QUERY PLAN': string }[] }
    parts.push(`-- ${name}\n${result.rows.map((r) => r['QUERY PLAN']).join('\n')}`)
  }
  return parts.join('\n')
}
