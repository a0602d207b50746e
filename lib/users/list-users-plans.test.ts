import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { wholeWorkspace } from '@/lib/auth/scope'
import { getDb, type Db } from '@/db/client'
import { createTestWorkspace, seedPeople, type TestWorkspace } from '@/testing/fixtures'
import { parseUserListParams } from './list-params'
import { userListQueries } from './list-users'

let db: Db
let ws: TestWorkspace
/** A workspace of Agents and Supervisors, active and inactive, for plans that depend on how those mix. */
let mixed: TestWorkspace

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'plans')
  await seedPeople(db, ws.tenantId)
  // Enough rows, with statistics, for the planner to choose as it would in a real workspace.
  await db.execute(sql`
    INSERT INTO users (tenant_id, full_name, email, username, password_hash, role)
    SELECT ${ws.tenantId}::uuid, 'Person ' || i, 'person' || i || '@plans.test', 'person' || i, 'x', 'Agent'
    FROM generate_series(1, 20000) AS i`)
  mixed = await createTestWorkspace(db, 'plans-mixed')
  await db.execute(sql`
    INSERT INTO users (tenant_id, full_name, email, username, password_hash, role, status)
    SELECT ${mixed.tenantId}::uuid, 'Person ' || i, 'person' || i || '@mixed.test', 'person' || i, 'x',
      (ARRAY['Agent', 'Agent', 'Supervisor'])[i % 3 + 1]::role, (CASE WHEN i % 5 = 0 THEN 'inactive' ELSE 'active' END)::user_status
    FROM generate_series(1, 20000) AS i`)
  await db.execute(sql`ANALYZE users`)
})

/**
 * The plan of the list's count (or its rows) for a query string, as JSON text. Sequential
 * scans are priced out: a test table is small enough that reading it whole
 * is cheapest, but which index a query *can* use depends only on its shape.
 */
async function listPlan(query: string, tenantId = ws.tenantId, which: 'count' | 'rows' = 'count'): Promise<string> {
  const q = userListQueries(db, wholeWorkspace(tenantId), parseUserListParams(new URLSearchParams(query)))
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`)
    const result = (await tx.execute(sql`EXPLAIN (FORMAT JSON) ${q[which]}`)) as unknown as { rows: { 'QUERY PLAN': unknown }[] }
    const raw = result.rows[0]!['QUERY PLAN']
    return typeof raw === 'string' ? raw : JSON.stringify(raw)
  })
}

describe('users list query plans', () => {
  it('a 3+ character search reads the workspace-scoped trigram index', async () => {
    expect(await listPlan('q=kafo')).toContain('users_tenant_search_idx')
    expect(await listPlan('q=kafo&role=Agent&status=active')).toContain('users_tenant_search_idx')
  })

  it('the Last login filter reads its index (never signed in is one value of it)', async () => {
    expect(await listPlan('lastLogin=never')).toContain('users_tenant_last_login_idx')
    expect(await listPlan('lastLogin=90d')).toContain('users_tenant_last_login_idx')
  })

  it('role and status together are counted from their own index', async () => {
    // Only the pair's entries, not every inactive user re-checked for the role (or every Supervisor for the status).
    expect(await listPlan('role=Supervisor&status=inactive', mixed.tenantId)).toContain('users_tenant_status_role_idx')
  })

  it('a 1–2 character search is counted along the workspace’s names by index only, never by reading the table from its start', async () => {
    // The name-and-search-text index: each user's text is tested from the index, no heap row visited.
    expect(await listPlan('q=af')).toMatch(/"Node Type":"Index Only Scan"[^}]*"Index Name":"users_tenant_name_search_idx"/)
  })

  it('the search text keeps 1,000 statistics buckets: a term one user in a thousand has is never guessed at 1%', async () => {
    // With the default 100, whether ANALYZE's sample put one such user on a histogram bound decided between a
    // guess of 10 matches (the trigram index, 1.5 ms at 100,000 users) and 1,000 (a walk of every name, 19.8 ms).
    const target = (await db.execute(
      sql`SELECT attstattarget::int AS target FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'search_text'`,
    )) as unknown as { rows: { target: number | null }[] }
    expect(target.rows[0]!.target).toBe(1000)
  })

  it('a search’s page walks the names by index only, testing each one’s search text there', async () => {
    // 'person' matches every user of the workspace: the planner walks names until the page is full.
    expect(await listPlan('q=person', ws.tenantId, 'rows')).toMatch(
      /"Node Type":"Index Only Scan"[^}]*"Index Name":"users_tenant_name_search_idx"/,
    )
  })

  it('the Department filter reads its index', async () => {
    expect(await listPlan('department=Sales')).toContain('users_tenant_department_idx')
  })

  it('a 1–2 character search stays off the trigram index (it would read all of it)', async () => {
    // The planner may still pick that index for the workspace alone (btree_gin serves tenant_id = …): what must never
    // happen is a trigram search of the short term, which would read the whole index.
    const plan = await listPlan('q=af')
    const conditions = [...plan.matchAll(/"Index Cond": "([^"]*)"/g)].map((m) => m[1])
    expect(conditions.filter((c) => /search_text/.test(c!))).toEqual([])
  })
})
