/**
 * npm run bench:users — the users list at scale, on PostgreSQL and PGlite.
 *
 * For each view of the list: (a) the SQL alone, EXPLAIN ANALYZE of exactly the
 * queries the page runs (rows, count, groups), and (b) the whole /users HTTP
 * response of the production build with a signed-in session, p50/p95 over
 * BENCH_REQUESTS (default 100) requests. Prints a table with HTTP p95 / SQL and
 * writes it to docs/performance.md.
 *
 * Data: a workspace "bench" with 100,000 users plus two more of 100,000
 * (`npm run seed:bulk`), made here if missing.
 *   BENCH_DATABASE_URL=postgres://…/sb_bench   PostgreSQL (created if needed)
 *   BENCH_DATA_DIR=.data-bench-pglite            PGlite (default)
 *   BENCH_ONLY=postgres|pglite                   one of them
 */
import { openDb, type DbHandle } from '@/db/client'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'
import { BENCH_PASSWORD, benchEnv, machine, quantile, signIn, startServer, stopServer, waitForServer, writeReport } from './support'
import { benchViews, sqlTimeMs } from './users-list-views'

const REQUESTS = Number(process.env.BENCH_REQUESTS || 100)
const WARMUP = Number(process.env.BENCH_WARMUP || 20)
const PORT = Number(process.env.BENCH_PORT || 3300)
const USERS = 100_000

async function ensureData(handle: DbHandle) {
  const { views } = await benchViews(handle.db, 'bench').catch(() => ({ views: [] as [string, string][] }))
  if (views.length) return
  for (const slug of ['bench', 'bench-other-1', 'bench-other-2']) {
    const t = performance.now()
    await bulkSeed(handle.db, { slug, users: USERS, adminPassword: BENCH_PASSWORD })
    console.log(`  seeded ${slug} (${USERS} users) in ${((performance.now() - t) / 1000).toFixed(0)} s`)
  }
}

interface Row {
  view: string
  sqlMs: number
  httpP50: number
  httpP95: number
}

async function run(kind: 'postgres' | 'pglite'): Promise<Row[]> {
  const env = benchEnv(kind, PORT)
  console.log(`\n${kind}: preparing data`)
  const handle = await openDb(kind === 'postgres' ? { url: env.DATABASE_URL } : { url: '', pgliteDir: env.DATA_DIR! })
  const rows: Row[] = []
  let views: [string, string][]
  try {
    await ensureData(handle)
    const found = await benchViews(handle.db, 'bench')
    views = found.views
    for (const [view, query] of views) {
      const samples: number[] = []
      for (let i = 0; i < 12; i++) samples.push(await sqlTimeMs(handle.db, found.tenantId, query))
      rows.push({ view, sqlMs: quantile(samples.slice(2), 0.5), httpP50: 0, httpP95: 0 })
    }
  } finally {
    await handle.close()
  }

  console.log(`${kind}: starting the production build on :${PORT}`)
  const child = startServer(env)
  try {
    const base = `http://localhost:${PORT}`
    await waitForServer(`${base}/sign-in`, child)
    const cookie = await signIn(base)
    const get = async (url: string) => {
      const t = performance.now()
      const res = await fetch(url, { headers: { cookie }, redirect: 'manual' })
      const body = await res.text()
      if (res.status !== 200 || !body.includes('Showing')) throw new Error(`${url}: ${res.status}`)
      return performance.now() - t
    }
    const urls = views.map(([, query]) => `${base}/users${query ? `?${query}` : ''}`)
    // Steady state, not a cold start: every view is served WARMUP times before any is measured.
    for (let n = 0; n < WARMUP; n++) for (const url of urls) await get(url)
    for (const [i, url] of urls.entries()) {
      const times: number[] = []
      for (let n = 0; n < REQUESTS; n++) times.push(await get(url))
      rows[i]!.httpP50 = quantile(times, 0.5)
      rows[i]!.httpP95 = quantile(times, 0.95)
    }
  } finally {
    await stopServer(child)
  }
  return rows
}

function table(kind: string, rows: Row[], targetMs: number): string {
  const lines = [
    `| View (${kind}) | SQL (EXPLAIN ANALYZE, median) | HTTP p50 | HTTP p95 | p95 / SQL | p95 ≤ ${targetMs} ms |`,
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.view} | ${r.sqlMs.toFixed(1)} ms | ${r.httpP50.toFixed(1)} ms | ${r.httpP95.toFixed(1)} ms | ${(r.httpP95 / r.sqlMs).toFixed(1)}× | ${r.httpP95 <= targetMs ? 'yes' : '**no**'} |`,
    ),
  ]
  return lines.join('\n')
}

const only = process.env.BENCH_ONLY
const sections: string[] = []
if (only !== 'pglite') {
  if (!process.env.BENCH_DATABASE_URL) console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL)')
  else sections.push(table('PostgreSQL', await run('postgres'), 50))
}
if (only !== 'postgres') sections.push(table('PGlite', await run('pglite'), 150))

const report = [
  `<!-- users-list-bench:start -->`,
  `## ${new Date().toISOString().slice(0, 10)} — users list at 100,000 users (300,000 in the tables)`,
  '',
  `Machine: ${machine()}. ${REQUESTS} sequential requests per view after ${WARMUP} warm-up rounds over all views, signed in as the workspace admin, production build (\`next start\`).`,
  '',
  ...sections.flatMap((s) => [s, '']),
  `<!-- users-list-bench:end -->`,
].join('\n')
console.log(`\n${report}`)
writeReport('users-list-bench', report)
