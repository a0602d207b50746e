import { spawn, type ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export const BENCH_PASSWORD = 'bench-password-123'
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

/** `npm start` (production build, migrations) in its own process group, so its memory can be read as a whole. */
export function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/start.ts'], {
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
export async function signIn(base: string, workspace = 'bench'): Promise<string> {
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
    body: new URLSearchParams({ csrfToken, workspace, identifier: 'admin', password: BENCH_PASSWORD, json: 'true' }),
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
