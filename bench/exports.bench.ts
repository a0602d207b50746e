/**
 * npm run bench:exports — exports of the users list at 100,000 users, on
 * PostgreSQL (BENCH_DATABASE_URL) and PGlite (BENCH_DATA_DIR, default
 * .data-bench-pglite), with the data of `npm run bench:users` (made there).
 *
 * For CSV and XLSX of all 100,000 users and PDF of 10,000: time to the last byte over HTTP from the production build, bytes, and
 * the server's peak resident memory above what it used before the request
 * (all processes of the server, sampled every 25 ms). Targets: CSV ≤ 2 s,
 * XLSX ≤ 15 s, each ≤ 150 MB growth; PDF of 10,000 (a group of exactly that many,
 * made here once) ≤ 5 s. BENCH_ONLY=postgres|pglite.
 */
import { and, eq, sql } from 'drizzle-orm'
import { openDb } from '@/db/client'
import { groups, tenants } from '@/db/schema'
import { benchEnv, download, groupPids, machine, signIn, startServer, stopServer, waitForServer, writeReport } from './support'

const PORT = Number(process.env.BENCH_PORT || 3301)

interface Measure {
  what: string
  rows: string
  /** The first full-size export after start, then the median of RUNS. */
  first: number
  seconds: number
  mb: number
  rssMb: number
  target: string
  ok: boolean
}

const RUNS = Number(process.env.BENCH_RUNS || 3)

/** The first run (cold: the big path's first time through) and the median of RUNS; memory is the worst seen. */
async function measureRuns(pids: number[], url: string, cookie: string) {
  const runs = []
  for (let i = 0; i < RUNS; i++) runs.push(await download(pids, url, cookie))
  const sorted = runs.map((r) => r.seconds).sort((a, b) => a - b)
  return {
    first: runs[0]!.seconds,
    seconds: sorted[Math.floor(sorted.length / 2)]!,
    mb: runs[0]!.mb,
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
  }
}

const PDF_ROWS = 10_000

/** A group of exactly 10,000 of the bench workspace's users (made once), so the PDF view is the cap's size. */
async function pdfGroup(env: NodeJS.ProcessEnv): Promise<string> {
  const handle = await openDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { url: '', pgliteDir: env.DATA_DIR! })
  try {
    const [tenant] = await handle.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'bench'))
    if (!tenant) throw new Error('No workspace "bench": run npm run bench:users (or seed:bulk) first')
    const name = `PDF bench ${PDF_ROWS}`
    const [found] = await handle.db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.tenantId, tenant.id), eq(groups.name, name)))
    if (found) return found.id
    const [made] = await handle.db.insert(groups).values({ tenantId: tenant.id, name }).returning({ id: groups.id })
    await handle.db.execute(sql`
      INSERT INTO user_groups (tenant_id, user_id, group_id)
      SELECT ${tenant.id}::uuid, id, ${made!.id}::uuid FROM users WHERE tenant_id = ${tenant.id} AND deleted_at IS NULL ORDER BY id LIMIT ${PDF_ROWS}`)
    return made!.id
  } finally {
    await handle.close()
  }
}

async function run(kind: 'postgres' | 'pglite'): Promise<Measure[]> {
  const group = await pdfGroup(benchEnv(kind, PORT))
  const child = startServer(benchEnv(kind, PORT))
  try {
    const base = `http://localhost:${PORT}`
    await waitForServer(`${base}/sign-in`, child)
    const cookie = await signIn(base)
    const pids = groupPids(child)
    // Warm the routes (compile paths, JIT) on a small view first.
    for (const f of ['csv', 'xlsx', 'pdf']) await download(pids, `${base}/users/export/${f}?q=zzzz-none`, cookie)
    const out: Measure[] = []
    const csv = await measureRuns(pids, `${base}/users/export/csv`, cookie)
    out.push({ what: 'CSV, all users', rows: '100,000', ...csv, target: '≤ 2 s, ≤ 150 MB', ok: csv.seconds <= 2 && csv.rssMb <= 150 })
    const xlsx = await measureRuns(pids, `${base}/users/export/xlsx`, cookie)
    out.push({ what: 'XLSX, all users', rows: '100,000', ...xlsx, target: '≤ 15 s, ≤ 150 MB', ok: xlsx.seconds <= 15 && xlsx.rssMb <= 150 })
    const pdf = await measureRuns(pids, `${base}/users/export/pdf?group=${group}`, cookie)
    out.push({ what: 'PDF, one group', rows: PDF_ROWS.toLocaleString('en-GB'), ...pdf, target: '≤ 5 s', ok: pdf.seconds <= 5 })
    console.log(kind, out)
    return out
  } finally {
    await stopServer(child)
  }
}

const table = (kind: string, rows: Measure[]) =>
  [
    `| ${kind} | Rows | Time to last byte, median of ${RUNS} | First run | Size | Server RSS growth (peak) | Target | Met (median) |`,
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.rows} | ${r.seconds.toFixed(2)} s | ${r.first.toFixed(2)} s | ${r.mb.toFixed(1)} MB | ${r.rssMb.toFixed(0)} MB | ${r.target} | ${r.ok ? 'yes' : '**no**'} |`,
    ),
  ].join('\n')

const only = process.env.BENCH_ONLY
const sections: string[] = []
if (only !== 'pglite') {
  if (!process.env.BENCH_DATABASE_URL) console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL)')
  else sections.push(table('PostgreSQL', await run('postgres')))
}
if (only !== 'postgres') sections.push(table('PGlite', await run('pglite')))

const report = [
  '<!-- exports-bench:start -->',
  `## ${new Date().toISOString().slice(0, 10)} — exports at 100,000 users`,
  '',
  `Machine: ${machine()}. Production build (\`next start\`), one request at a time, signed in as the workspace admin, after one small export of each format; each export ${RUNS} times in a row.`,
  '',
  ...sections.flatMap((s) => [s, '']),
  '<!-- exports-bench:end -->',
].join('\n')
console.log(`\n${report}`)
writeReport('exports-bench', report)
