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
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDb, type DbHandle } from '@/db/client'
import { bulkSeed } from '@/db/bulk-seed'
import { benchViews, sqlTimeMs } from './users-list-views'

const REQUESTS = Number(process.env.BENCH_REQUESTS || 100)
const WARMUP = Number(process.env.BENCH_WARMUP || 20)
const PORT = Number(process.env.BENCH_PORT || 3300)
const USERS = 100_000
const PASSWORD = 'bench-password-123'

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

async function ensureData(handle: DbHandle) {
  const { views } = await benchViews(handle.db, 'bench').catch(() => ({ views: [] as [string, string][] }))
  if (views.length) return
  for (const slug of ['bench', 'bench-other-1', 'bench-other-2']) {
    const t = performance.now()
    await bulkSeed(handle.db, { slug, users: USERS, adminPassword: PASSWORD })
    console.log(`  seeded ${slug} (${USERS} users) in ${((performance.now() - t) / 1000).toFixed(0)} s`)
  }
}

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('server did not start')
}

/** Signs in through next-auth's Credentials endpoint and returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, workspace: 'bench', identifier: 'admin', password: PASSWORD, json: 'true' }),
  })
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='))
  if (!session) throw new Error(`sign-in failed (${res.status})`)
  return session.split(';')[0]!
}

interface Row {
  view: string
  sqlMs: number
  httpP50: number
  httpP95: number
}

async function run(kind: 'postgres' | 'pglite'): Promise<Row[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(PORT) }
  if (kind === 'postgres') {
    const url = process.env.BENCH_DATABASE_URL!
    env.DATABASE_URL = url
    env.AUTH_SECRET ??= 'bench-auth-secret-bench-auth-secret-0123'
    env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString('base64')
  } else {
    delete env.DATABASE_URL
    env.DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR || '.data-bench-pglite')
  }
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
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/start.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
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
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
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
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
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
  `Machine: ${machine}. ${REQUESTS} sequential requests per view after ${WARMUP} warm-up rounds over all views, signed in as the workspace admin, production build (\`next start\`).`,
  '',
  ...sections.flatMap((s) => [s, '']),
  `<!-- users-list-bench:end -->`,
].join('\n')
console.log(`\n${report}`)
const doc = path.resolve('docs/performance.md')
const current = fs.readFileSync(doc, 'utf8')
const block = /<!-- users-list-bench:start -->[\s\S]*<!-- users-list-bench:end -->/
fs.writeFileSync(doc, block.test(current) ? current.replace(block, report) : `${current.trimEnd()}\n\n${report}\n`)
console.log(`\nWritten to ${path.relative(process.cwd(), doc)}`)
