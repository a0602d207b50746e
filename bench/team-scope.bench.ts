/**
 * npm run bench:scope — issue 22: the users list, its export and the users
 * report of a supervisor scoped to the groups they manage (3 groups, about
 * 15,000 members) in the 100,000-user bench workspace, on PostgreSQL, beside
 * the same views of the workspace admin.
 *
 * For each list view: EXPLAIN ANALYZE of the page's queries (rows and count) as
 * the scoped reach and as the whole workspace, then the /users HTTP p50/p95 of
 * the production build signed in as each. Then the CSV export of the scoped
 * view and the Reports › Users page. Writes the table to docs/performance.md.
 *
 *   BENCH_DATABASE_URL=postgres://…/sb_bench   (else a database made and dropped for this run)
 *   BENCH_REQUESTS=50                          requests per view and persona
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { openDb, type Db } from '@/db/client'
import { groupManagers, groups, profiles, tenants, users } from '@/db/schema'
import { hashPassword } from '@/lib/auth/passwords'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'
import {
  BENCH_PASSWORD,
  machine,
  postgresServerEnv,
  quantile,
  signIn,
  startServer,
  stopServer,
  waitForServer,
  withBenchPostgres,
  writeReport,
} from './support'
import { benchViews, planText, sqlTimeMs } from './users-list-views'

const REQUESTS = Number(process.env.BENCH_REQUESTS || 50)
const WARMUP = 30
const PORT = Number(process.env.BENCH_PORT || 3310)
const USERS = 100_000
const TARGET_MEMBERS = 15_000
const LEAD = 'scoped.lead'
/** A small team's lead too: 20 members in the same workspace (the scope's other form, lib/auth/scope.ts). */
const SMALL_LEAD = 'small.lead'
const SMALL_TEAM = 20

/** The bench workspace (seeded if missing) and a scoped supervisor managing the 3 groups whose members come closest to 15,000. */
async function prepare(db: Db) {
  let [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'bench'))
  if (!tenant) {
    const t = performance.now()
    const seeded = await bulkSeed(db, { slug: 'bench', users: USERS, adminPassword: BENCH_PASSWORD })
    console.log(`  seeded bench (${USERS} users) in ${((performance.now() - t) / 1000).toFixed(0)} s`)
    tenant = { id: seeded.tenantId }
  }
  const tenantId = tenant.id
  // A rerun starts from the seed's groups: the previous run's leads and small team go first.
  await db.delete(users).where(and(eq(users.tenantId, tenantId), inArray(users.username, [LEAD, SMALL_LEAD])))
  await db.delete(groups).where(and(eq(groups.tenantId, tenantId), eq(groups.name, 'Small team')))
  const sizes = (await db.execute(sql`
    SELECT group_id AS id, count(*)::int AS n FROM user_groups WHERE tenant_id = ${tenantId} GROUP BY group_id ORDER BY n`)) as unknown as {
    rows: { id: string; n: number }[]
  }
  // Three groups of similar size whose (overlapping) members make about 15,000.
  let chosen = sizes.rows.slice(0, 3)
  for (let i = 0; i + 3 <= sizes.rows.length; i++) {
    const three = sizes.rows.slice(i, i + 3)
    if (three.reduce((a, g) => a + g.n, 0) <= TARGET_MEMBERS * 1.15) chosen = three
  }
  await db.delete(profiles).where(and(eq(profiles.tenantId, tenantId), eq(profiles.name, 'Scoped team lead')))
  const [profile] = await db
    .insert(profiles)
    .values({
      tenantId,
      role: 'Supervisor',
      name: 'Scoped team lead',
      permissions: ['users.read', 'reports.read', 'users.export'],
      scope: 'managed_groups',
    })
    .returning({ id: profiles.id })
  // Both leads hold the scoped profile and sign in with the bench password (hashed once).
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const insertLead = async (fullName: string, username: string) =>
    (
      await db
        .insert(users)
        .values({
          tenantId,
          fullName,
          email: `${username}@bench.example`,
          username,
          role: 'Supervisor',
          profileId: profile!.id,
          passwordHash,
        })
        .returning({ id: users.id })
    )[0]!
  const lead = await insertLead('Scoped Lead', LEAD)
  await db.insert(groupManagers).values(chosen.map((g) => ({ tenantId, groupId: g.id, userId: lead.id })))
  const small = await insertLead('Small Lead', SMALL_LEAD)
  const [team] = await db.insert(groups).values({ tenantId, name: 'Small team' }).returning({ id: groups.id })
  await db.execute(sql`
    INSERT INTO user_groups (tenant_id, user_id, group_id)
    SELECT tenant_id, id, ${team!.id} FROM users WHERE tenant_id = ${tenantId} AND username LIKE 'a%' ORDER BY id LIMIT ${SMALL_TEAM}`)
  await db.insert(groupManagers).values({ tenantId, groupId: team!.id, userId: small.id })
  await db.execute(sql`ANALYZE group_managers`)
  const [members] = (
    (await db.execute(sql`
      SELECT count(DISTINCT user_id)::int AS n FROM user_groups ug JOIN users u ON u.tenant_id = ug.tenant_id AND u.id = ug.user_id
      WHERE ug.tenant_id = ${tenantId} AND u.deleted_at IS NULL AND ug.group_id IN (${sql.join(
        chosen.map((g) => sql`${g.id}::uuid`),
        sql`, `,
      )})`)) as unknown as { rows: { n: number }[] }
  ).rows
  const names = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.tenantId, tenantId))
  return {
    tenantId,
    leadId: lead.id,
    members: members!.n,
    groups: chosen.map((g) => `${names.find((n) => n.id === g.id)?.name} (${g.n})`),
  }
}

interface Row {
  view: string
  sqlAdmin: number
  sqlScoped: number
  httpAdmin: [number, number]
  httpScoped: [number, number]
}

const result = await withBenchPostgres('scope', async (url) => {
  const handle = await openDb({ url })
  let prepared: Awaited<ReturnType<typeof prepare>>
  const rows: Row[] = []
  let views: [string, string][] = []
  const plans: string[] = []
  try {
    prepared = await prepare(handle.db)
    console.log(`scoped lead manages ${prepared.groups.join(', ')}: ${prepared.members} members`)
    const reach = { tenantId: prepared.tenantId, userId: prepared.leadId, scoped: true }
    views = (await benchViews(handle.db, 'bench')).views.filter(([name]) => name !== 'page 200')
    views.push(['page 100 (scoped: deep)', 'page=100'])
    for (const [view, query] of views) {
      const a: number[] = []
      const s: number[] = []
      for (let i = 0; i < 8; i++) {
        a.push(await sqlTimeMs(handle.db, prepared.tenantId, query))
        s.push(await sqlTimeMs(handle.db, reach, query))
      }
      rows.push({ view, sqlAdmin: quantile(a.slice(2), 0.5), sqlScoped: quantile(s.slice(2), 0.5), httpAdmin: [0, 0], httpScoped: [0, 0] })
    }
    plans.push(await planText(handle.db, reach, ''))
  } finally {
    await handle.close()
  }

  const child = startServer(postgresServerEnv(url, PORT))
  let exportSeconds = 0
  let exportRows = 0
  let report: [number, number] = [0, 0]
  const smallViews: [string, string][] = [
    ['no filter', ''],
    ['search, 3+ characters', 'q=kafo'],
    ['sort by last login', 'sort=-last_login'],
  ]
  const small: { view: string; http: [number, number] }[] = []
  try {
    const base = `http://localhost:${PORT}`
    await waitForServer(`${base}/sign-in`, child)
    const cookies = { admin: await signIn(base), scoped: await signIn(base, 'bench', LEAD), small: '' }
    const get = async (path: string, cookie: string, expect = 'Showing') => {
      const t = performance.now()
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
      const body = await res.text()
      if (res.status !== 200 || !body.includes(expect)) throw new Error(`${path}: ${res.status}`)
      return performance.now() - t
    }
    for (const [i, [, query]] of views.entries()) {
      const path = `/users${query ? `?${query}` : ''}`
      for (const who of ['admin', 'scoped'] as const) {
        for (let n = 0; n < WARMUP; n++) await get(path, cookies[who]).catch(() => 0)
        const times: number[] = []
        for (let n = 0; n < REQUESTS; n++)
          times.push(await get(path, cookies[who], who === 'scoped' && query === 'page=100' ? 'Users' : 'Showing'))
        rows[i]![who === 'admin' ? 'httpAdmin' : 'httpScoped'] = [quantile(times, 0.5), quantile(times, 0.95)]
      }
    }
    cookies.small = await signIn(base, 'bench', SMALL_LEAD)
    for (const [view, query] of smallViews) {
      const path = `/users${query ? `?${query}` : ''}`
      for (let n = 0; n < WARMUP; n++) await get(path, cookies.small, 'Users')
      const times: number[] = []
      for (let n = 0; n < REQUESTS; n++) times.push(await get(path, cookies.small, 'Users'))
      small.push({ view, http: [quantile(times, 0.5), quantile(times, 0.95)] })
    }
    const t = performance.now()
    const csv = await (await fetch(`${base}/users/export/csv`, { headers: { cookie: cookies.scoped } })).text()
    exportSeconds = (performance.now() - t) / 1000
    exportRows = csv.trim().split('\n').length - 1
    const times: number[] = []
    for (let n = 0; n < 20; n++) times.push(await get('/reports/users', cookies.scoped, 'Users'))
    report = [quantile(times, 0.5), quantile(times, 0.95)]
  } finally {
    await stopServer(child)
  }
  return { prepared: prepared!, rows, exportSeconds, exportRows, report, plans, small }
})

const ms = (n: number) => `${n.toFixed(1)} ms`
const lines = [
  `<!-- team-scope-bench:start -->`,
  `## ${new Date().toISOString().slice(0, 10)} — team scope (issue 22): a supervisor scoped to 3 groups in the 100,000-user workspace`,
  '',
  `Machine: ${machine()}; PostgreSQL 15. \`npm run bench:scope\`. The scoped supervisor manages ${result.prepared.groups.join(', ')}: **${result.prepared.members.toLocaleString('en')} members**. ${REQUESTS} sequential requests per view and persona after ${WARMUP} warm-up requests, production build. SQL = EXPLAIN ANALYZE of the page's rows + count queries (median). Target: the users-list targets (HTTP p95 ≤ 50 ms on PostgreSQL).`,
  '',
  '| View | SQL admin | SQL scoped | HTTP p50 / p95 admin | HTTP p50 / p95 scoped | scoped p95 ≤ 50 ms |',
  '|---|---|---|---|---|---|',
  ...result.rows.map(
    (r) =>
      `| ${r.view} | ${ms(r.sqlAdmin)} | ${ms(r.sqlScoped)} | ${ms(r.httpAdmin[0])} / ${ms(r.httpAdmin[1])} | ${ms(r.httpScoped[0])} / ${ms(r.httpScoped[1])} | ${r.httpScoped[1] <= 50 ? 'yes' : '**no**'} |`,
  ),
  '',
  `A lead of a ${SMALL_TEAM}-member team in the same workspace (the small scope's form: the array of its ids): ${result.small.map((r) => `${r.view} p50 ${ms(r.http[0])} / p95 ${ms(r.http[1])}`).join('; ')}.`,
  '',
  `Scoped CSV export: ${result.exportRows.toLocaleString('en')} rows in ${result.exportSeconds.toFixed(2)} s. Reports › Users (scoped, last 7 days): p50 ${ms(result.report[0])}, p95 ${ms(result.report[1])}.`,
  '',
  'The scoped plan of the plain list (the scope is an EXISTS over the user’s memberships joined to the manager’s rows, by index):',
  '',
  '```',
  result.plans[0]!.trim(),
  '```',
  `<!-- team-scope-bench:end -->`,
]
const report = lines.join('\n')
console.log(`\n${report}`)
writeReport('team-scope-bench', report)
