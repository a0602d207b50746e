/**
 * npm run bench:exports — exports of the users list at 100,000 users, on
 * PostgreSQL (BENCH_DATABASE_URL) and PGlite (BENCH_DATA_DIR, default
 * .data-bench-pglite), with the data of `npm run bench:users` (made there).
 *
 * For CSV and XLSX of all 100,000 users and PDF of the largest view under the
 * cap: time to the last byte over HTTP from the production build, bytes, and
 * the server's peak resident memory above what it used before the request
 * (all processes of the server, sampled every 25 ms). Targets: CSV ≤ 2 s,
 * XLSX ≤ 15 s, each ≤ 150 MB growth; PDF of 10,000 ≤ 5 s. BENCH_ONLY=postgres|pglite.
 */
import { benchEnv, groupPids, machine, rssMb, signIn, startServer, stopServer, waitForServer, writeReport } from './support'

const PORT = Number(process.env.BENCH_PORT || 3301)

interface Measure {
  what: string
  rows: string
  seconds: number
  mb: number
  rssMb: number
  target: string
  ok: boolean
}

async function measure(pids: number[], url: string, cookie: string) {
  const before = rssMb(pids)
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pids))
  }, 25)
  const t = performance.now()
  const res = await fetch(url, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  let bytes = 0
  const reader = res.body!.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.length
  }
  const seconds = (performance.now() - t) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, rssMb(pids))
  return { seconds, mb: bytes / 2 ** 20, rssMb: peak - before }
}

async function run(kind: 'postgres' | 'pglite'): Promise<Measure[]> {
  const child = startServer(benchEnv(kind, PORT))
  try {
    const base = `http://localhost:${PORT}`
    await waitForServer(`${base}/sign-in`, child)
    const cookie = await signIn(base)
    const pids = groupPids(child)
    // Warm the routes (compile paths, JIT) on a small view first.
    for (const f of ['csv', 'xlsx', 'pdf']) await measure(pids, `${base}/users/export/${f}?q=zzzz-none`, cookie)
    const out: Measure[] = []
    const csv = await measure(pids, `${base}/users/export/csv`, cookie)
    out.push({ what: 'CSV, all users', rows: '100,000', ...csv, target: '≤ 2 s, ≤ 150 MB', ok: csv.seconds <= 2 && csv.rssMb <= 150 })
    const xlsx = await measure(pids, `${base}/users/export/xlsx`, cookie)
    out.push({ what: 'XLSX, all users', rows: '100,000', ...xlsx, target: '≤ 15 s, ≤ 150 MB', ok: xlsx.seconds <= 15 && xlsx.rssMb <= 150 })
    // Inactive users: ~8,000 of 100,000, the largest common view under the PDF cap.
    const pdf = await measure(pids, `${base}/users/export/pdf?status=inactive`, cookie)
    out.push({ what: 'PDF, inactive users', rows: '~8,000', ...pdf, target: '≤ 5 s', ok: pdf.seconds <= 5 })
    console.log(kind, out)
    return out
  } finally {
    await stopServer(child)
  }
}

const table = (kind: string, rows: Measure[]) =>
  [
    `| ${kind} | Rows | Time to last byte | Size | Server RSS growth (peak) | Target | Met |`,
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.rows} | ${r.seconds.toFixed(2)} s | ${r.mb.toFixed(1)} MB | ${r.rssMb.toFixed(0)} MB | ${r.target} | ${r.ok ? 'yes' : '**no**'} |`),
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
  `Machine: ${machine()}. Production build (\`next start\`), one request at a time, signed in as the workspace admin, after one small export of each format.`,
  '',
  ...sections.flatMap((s) => [s, '']),
  '<!-- exports-bench:end -->',
].join('\n')
console.log(`\n${report}`)
writeReport('exports-bench', report)
