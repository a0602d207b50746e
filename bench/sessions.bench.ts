/**
 * npm run bench:sessions — who is signed in, at scale: a seed:bulk workspace
 * of 100,000 users with 10,000 live dashboard sessions, on PostgreSQL
 * (BENCH_DATABASE_URL, else a database made for the run) and PGlite (in
 * memory). Measures Reports › Signed in now's queries (signedInBoard: the
 * page's server time less rendering), the users list's Signed in filter
 * (EXPLAIN ANALYZE of the page's queries), the PBX's eligibility answer
 * (p50/p95 of 1,000 calls), and a burst of 1,000 sign-ins then 1,000 sign-outs,
 * each its own statement: how long after the burst's last commit a listener
 * on another connection (on PostgreSQL, another pool: what another app
 * instance sees) hears of it. Targets: board ≤ 200 ms, eligibility p95 ≤ 10 ms,
 * the burst on an open board within 5 s. BENCH_ONLY=postgres|pglite.
 */
import { and, eq, sql } from 'drizzle-orm'
import { wholeWorkspace } from '@/lib/auth/scope'
import { openDb, type DbHandle } from '@/db/client'
import { dashboardSessions, extensions, users } from '@/db/schema'
import { openDashboardSession } from '@/lib/auth/session-user'
import { callEligibility } from '@/lib/extensions/call-eligibility'
import { signedInBoard } from '@/lib/sessions/list-signed-in'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'
import { BENCH_PASSWORD, machine, quantile, withBenchPostgres, writeReport } from './support'
import { sqlTimeMs } from './users-list-views'

const SIGNED_IN = 10_000
const BURST = 1_000

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

interface Line {
  db: string
  what: string
  value: string
  target: string
}

async function runOn(kind: 'postgres' | 'pglite', handle: DbHandle, listener: DbHandle, lines: Line[]) {
  const db = handle.db
  const t0 = performance.now()
  const { tenantId } = await bulkSeed(db, { slug: 'bench-sessions', users: 100_000, adminPassword: BENCH_PASSWORD })
  console.log(`${kind}: seeded 100,000 users in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  // 10,000 active users signed in (half of them agents with force login on their extension).
  await db.execute(sql`
    INSERT INTO dashboard_sessions (tenant_id, user_id, expires_at, last_seen_at, ip, user_agent)
    SELECT tenant_id, id, now() + interval '12 hours', now(), '10.0.0.1', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0'
    FROM users WHERE tenant_id = ${tenantId} AND status = 'active' AND deleted_at IS NULL
    ORDER BY id LIMIT ${SIGNED_IN}`)
  await db.execute(sql`
    UPDATE users SET force_login = true WHERE tenant_id = ${tenantId} AND extension_id IS NOT NULL AND role = 'Agent'
      AND id IN (SELECT user_id FROM dashboard_sessions WHERE tenant_id = ${tenantId})`)
  await db.execute(sql`ANALYZE dashboard_sessions, users`)

  const board = await timed(20, () => signedInBoard(db, wholeWorkspace(tenantId)))
  const sample = await signedInBoard(db, wholeWorkspace(tenantId))
  lines.push({
    db: kind,
    what: `Signed in now board (${sample.total.toLocaleString('en-GB')} signed in, ${sample.byGroup.length} groups)`,
    value: `median ${quantile(board.slice(2), 0.5).toFixed(0)} ms, p95 ${quantile(board.slice(2), 0.95).toFixed(0)} ms`,
    target: '≤ 200 ms',
  })
  for (const [label, query] of [
    ['users list, Signed in now', 'signedIn=now'],
    ['users list, Not signed in', 'signedIn=not'],
  ]) {
    const samples: number[] = []
    for (let i = 0; i < 12; i++) samples.push(await sqlTimeMs(db, tenantId, query!))
    lines.push({
      db: kind,
      what: `${label} (SQL, EXPLAIN ANALYZE)`,
      value: `median ${quantile(samples.slice(2), 0.5).toFixed(1)} ms`,
      target: 'within the users-list targets',
    })
  }

  const numbers = (
    await db
      .select({ n: extensions.number })
      .from(users)
      .innerJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
      .where(and(eq(users.tenantId, tenantId), eq(users.forceLogin, true)))
      .limit(1000)
  ).map((r) => r.n)
  let i = 0
  const eligibility = await timed(1000, () => callEligibility(db, wholeWorkspace(tenantId), numbers[i++ % numbers.length]!))
  lines.push({
    db: kind,
    what: 'eligibility (force-login extension)',
    value: `p50 ${quantile(eligibility, 0.5).toFixed(2)} ms, p95 ${quantile(eligibility, 0.95).toFixed(2)} ms`,
    target: 'p95 ≤ 10 ms',
  })

  // The burst: 1,000 sign-ins, then the same sessions signed out, one statement each.
  const heard: number[] = []
  const stop = await listener.listen('switchboard_sessions', (payload) => {
    if (payload === tenantId) heard.push(performance.now())
  })
  const people = (
    await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.tenantId, tenantId),
          eq(users.status, 'active'),
          sql`NOT EXISTS (SELECT 1 FROM dashboard_sessions s WHERE s.tenant_id = ${tenantId} AND s.user_id = ${users.id})`,
        ),
      )
      .limit(BURST)
  ).map((r) => r.id)
  const start = performance.now()
  const opened: string[] = []
  for (const userId of people) opened.push(await openDashboardSession(db, { tenantId, userId, ip: null, userAgent: 'bench' }))
  for (const id of opened) {
    await db
      .update(dashboardSessions)
      .set({ endedAt: sql`now()`, endReason: 'bench' })
      .where(and(eq(dashboardSessions.tenantId, tenantId), eq(dashboardSessions.id, id)))
  }
  const lastCommit = performance.now()
  const deadline = lastCommit + 10_000
  while (heard.length < 2 * BURST && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  await stop()
  const lastHeard = heard.at(-1) ?? NaN
  lines.push({
    db: kind,
    what: `burst of ${BURST} sign-ins + ${BURST} sign-outs (${((lastCommit - start) / 1000).toFixed(1)} s to write), heard on another connection`,
    // Negative: the last event arrived before the writer's own await returned.
    value: `${heard.length.toLocaleString('en-GB')} notifications; the last ${Math.max(0, lastHeard - lastCommit).toFixed(0)} ms after the last commit`,
    target: 'on the board within 5 s',
  })
  for (const l of lines.filter((x) => x.db === kind)) console.log(`${kind} ${l.what}: ${l.value}`)
}

async function main() {
  const lines: Line[] = []
  const only = process.env.BENCH_ONLY
  if (only !== 'pglite') {
    await withBenchPostgres('sessions', async (url) => {
      const handle = await openDb({ url })
      // Another pool, as another app instance would have.
      const other = await openDb({ url })
      try {
        await runOn('postgres', handle, other, lines)
      } finally {
        await other.close()
        await handle.close()
      }
    })
  }
  if (only !== 'postgres') {
    const handle = await openDb({ url: '', pgliteDir: null })
    try {
      await runOn('pglite', handle, handle, lines)
    } finally {
      await handle.close()
    }
  }
  const table = lines.map((l) => `| ${l.db} | ${l.what} | ${l.value} | ${l.target} |`).join('\n')
  writeReport(
    'sessions',
    `<!-- sessions:start -->
### Who is signed in (\`npm run bench:sessions\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}. A seed:bulk workspace of 100,000 users with ${SIGNED_IN.toLocaleString('en-GB')} live dashboard sessions; the lib functions the pages and the API run, in the bench process. The burst is written one statement at a time and heard through LISTEN on another connection (on PostgreSQL another pool, as another app instance; PGlite is one process); an open board refreshes 250 ms after the first event of a burst (the event stream coalesces it), so its lag is the listener's plus that and one render.

| Database | What | Measured | Target |
|---|---|---|---|
${table}
<!-- sessions:end -->`,
  )
}

await main()
