import { spawn, type ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDb, type DbHandle } from '@/db/client'
import { typescriptProcess } from '@/scripts/typescript-process'

export const BENCH_PASSWORD = 'bench-password-123'
/** The q-quantile (0.5: the median, 0.95: p95) of `xs` by rank; 0 for none (a run that measured nothing). */
export const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0

export const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`

/** The app's environment for a bench run on PostgreSQL (BENCH_DATABASE_URL) or PGlite (BENCH_DATA_DIR). */
export function benchEnv(kind: 'postgres' | 'pglite', port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) }
  if (kind === 'postgres') {
    env.DATABASE_URL = process.env.BENCH_DATABASE_URL!
    env.AUTH_SECRET ??= 'bench-auth-secret-bench-auth-secret-0123'
    env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString('base64')
  } else {
    delete env.DATABASE_URL
    env.DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR || '.data-bench-pglite')
  }
  return env
}

/** The app's environment on the PostgreSQL database at `url` (one a bench made for itself), serving on `port`. */
export function postgresServerEnv(url: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    DATABASE_URL: url,
    AUTH_SECRET: 'bench-auth-secret-bench-auth-secret-0123',
    APP_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  }
}

/** `npm start` (production build, migrations) in its own process group, so its memory can be read as a whole. */
export function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const start = typescriptProcess('scripts/start.ts', { reactServer: true })
  return spawn(start.command, start.args, {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
}

export async function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    // already gone
  }
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
}

/** The processes of the server's group (found once: reading /proc later costs microseconds, not a `ps` that blocks the client). */
export function groupPids(child: ChildProcess): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '-g', String(child.pid)], { encoding: 'utf8' })
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)
}

/** Resident memory of these processes, in MB (VmRSS from /proc). */
export function rssMb(pids: number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
      kb += m ? Number(m[1]) : 0
    } catch {
      // the process ended
    }
  }
  return kb / 1024
}

export async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 1200; i++) {
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
export async function signIn(base: string, workspace = 'bench', identifier = 'admin'): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, workspace, identifier, password: BENCH_PASSWORD, json: 'true' }),
  })
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='))
  if (!session) throw new Error(`sign-in failed (${res.status})`)
  return session.split(';')[0]!
}

/** Replaces the block between `<!-- name:start -->` and `<!-- name:end -->` in docs/performance.md (or appends it). */
export function writeReport(name: string, report: string) {
  const doc = path.resolve('docs/performance.md')
  const current = fs.readFileSync(doc, 'utf8')
  const block = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`)
  fs.writeFileSync(doc, block.test(current) ? current.replace(block, report) : `${current.trimEnd()}\n\n${report}\n`)
  console.log(`\nWritten to ${path.relative(process.cwd(), doc)}`)
}

/**
 * `fn` with a PostgreSQL URL: BENCH_DATABASE_URL, or a database made for this
 * run on 127.0.0.1:5432 and dropped after it (named after `name`).
 */
export async function withBenchPostgres<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.BENCH_DATABASE_URL) return fn(process.env.BENCH_DATABASE_URL)
  const made = `switchboard_bench_${name}_${Date.now()}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${made}`)
  try {
    return await fn(`postgres://postgres@127.0.0.1:5432/${made}`)
  } finally {
    await admin(`DROP DATABASE ${made} WITH (FORCE)`)
  }
}

/**
 * `run` on each database the bench asks for (BENCH_ONLY=postgres|pglite): on
 * PostgreSQL with two handles (two pools, as two app instances), on PGlite with
 * one twice (one process). Closes what it opened.
 */
export async function onBothDatabases<T>(name: string, run: (kind: string, a: DbHandle, b: DbHandle) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  if (process.env.BENCH_ONLY !== 'pglite') {
    await withBenchPostgres(name, async (url) => {
      const a = await openDb({ url })
      const b = await openDb({ url })
      try {
        results.push(await run('PostgreSQL 15', a, b))
      } finally {
        await b.close()
        await a.close()
      }
    })
  }
  if (process.env.BENCH_ONLY !== 'postgres') {
    const h = await openDb({ url: '', pgliteDir: null })
    try {
      results.push(await run('PGlite (one process)', h, h))
    } finally {
      await h.close()
    }
  }
  return results
}

/**
 * Downloads `url` to its last byte, signed in with `cookie`: seconds, MB, and
 * the server's peak resident memory above what it used before (all `pids`,
 * sampled every 25 ms).
 */
export async function download(pids: number[], url: string, cookie: string) {
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
