/**
 * Real infrastructure for the multi-instance test and `npm run bench:cluster`:
 * app instances (`scripts/start.ts`, the production path), HAProxy in front of
 * them with health checks, and PgBouncer in transaction mode in front of
 * PostgreSQL — Debian's packages, started on loopback by the caller.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { typescriptProcess } from '@/scripts/typescript-process'

export interface Running {
  pid: number
  stop(signal?: NodeJS.Signals): Promise<void>
  exited: Promise<number | null>
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Running {
  const out = fs.openSync(log, 'a')
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', out, out], detached: true })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    pid: child.pid!,
    exited,
    async stop(signal = 'SIGTERM') {
      try {
        process.kill(-child.pid!, signal)
      } catch {
        return // already gone
      }
      await exited
    },
  }
}

/** Where a command is, or null (the packages aren't installed). */
export function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command} || ls /usr/sbin/${command} 2>/dev/null`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')[0]
  return found || null
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200

/** An app instance on `port` (`npm start`'s path: build if needed, migrate, serve), ready when its health check is 200. */
export async function startInstance(port: number, env: Record<string, string | undefined>, logDir: string): Promise<Running> {
  const start = typescriptProcess('scripts/start.ts', { reactServer: true })
  const instance = run(
    start.command,
    start.args,
    { ...process.env, ...env, PORT: String(port), DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-node-')) },
    path.join(logDir, `instance-${port}.log`),
  )
  await Promise.race([
    waitFor(() => healthy(port), 120_000, `the instance on port ${port}`),
    instance.exited.then((code) => {
      throw new Error(`The instance on port ${port} exited (${code}): see ${logDir}/instance-${port}.log`)
    }),
  ])
  return instance
}

/**
 * HAProxy on `port` in front of `backends` (round robin; a server whose
 * /api/health isn't 200 twice is out within a second, back after two good
 * checks; a request refused by a server going away is retried on another).
 */
export async function startHaproxy(port: number, backends: number[], logDir: string): Promise<Running> {
  const config = path.join(logDir, `haproxy-${port}.cfg`)
  fs.writeFileSync(
    config,
    `global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch
  option forwardfor
frontend switchboard
  bind 127.0.0.1:${port}
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  # A check may take up to 2 s on a busy machine, and one missed check isn't a verdict: a server is out after
  # two failed checks (~1 s; a draining instance answers 503 for DRAIN_SECONDS, longer than that), back after two good ones.
  # (With fall 1 and the check's 500 ms default timeout, one slow answer under load took the only other server out: 503s.)
  timeout check 2s
  default-server inter 500ms fall 2 rise 2
  # Which instance answered (the rolling-restart test waits until a restarted one serves again).
  http-response set-header x-served-by %s
${backends.map((b, i) => `  server app${i + 1} 127.0.0.1:${b} check`).join('\n')}
`,
  )
  const haproxy = run(which('haproxy') ?? 'haproxy', ['-f', config, '-db'], process.env, path.join(logDir, `haproxy-${port}.log`))
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200, 20_000, 'HAProxy')
  return haproxy
}

/** PgBouncer on `port` in transaction mode in front of PostgreSQL on 127.0.0.1:5432 (trust, as this machine's). */
export async function startPgbouncer(port: number, database: string, logDir: string, poolSize = 20): Promise<Running> {
  const ini = path.join(logDir, `pgbouncer-${port}.ini`)
  const users = path.join(logDir, `pgbouncer-${port}.users`)
  fs.writeFileSync(users, '"postgres" ""\n')
  fs.writeFileSync(
    ini,
    `[databases]
${database} = host=127.0.0.1 port=5432 dbname=${database}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${users}
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 1000
ignore_startup_parameters = extra_float_digits,options
`,
  )
  // PgBouncer refuses to run as root: as root (this machine's CI), it drops to the postgres user, who must read its files.
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    fs.chmodSync(logDir, 0o755)
    for (const f of [ini, users]) fs.chmodSync(f, 0o644)
  }
  const bouncer = run(
    which('pgbouncer') ?? 'pgbouncer',
    [...(asRoot ? ['-u', 'postgres'] : []), ini],
    process.env,
    path.join(logDir, `pgbouncer-${port}.log`),
  )
  await waitFor(
    async () => {
      const { Client } = await import('pg')
      const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${database}` })
      await client.connect()
      await client.query('SELECT 1')
      await client.end()
      return true
    },
    20_000,
    'PgBouncer',
  )
  return bouncer
}
