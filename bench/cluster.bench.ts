/**
 * npm run bench:cluster [-- --instances 1,2,3] — Switchboard as it runs in
 * production: N app instances behind HAProxy (health checks on /api/health),
 * all on one PostgreSQL through PgBouncer in transaction mode (Debian's
 * packages: installed here with apt if missing), loaded by autocannon with a
 * mixed admin workload for a fixed time per N. Prints and writes to
 * docs/performance.md: requests/s, p50/p95/p99, errors, and the ratio to one
 * instance. BENCH_USERS (default 100,000), BENCH_SECONDS (20), BENCH_CONNECTIONS (10).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm'
import { openDb } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { createApiToken } from '@/lib/api-tokens/manage-tokens'
import { effectivePermissions } from '@/lib/auth/permissions'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'
import { startHaproxy, startInstance, startPgbouncer, which, type Running } from '@/testing/cluster'
import { buildIfNeeded } from '@/scripts/build-if-needed'
import { BENCH_PASSWORD, machine, quantile, signIn, withBenchPostgres, writeReport } from './support'

const { values } = parseArgs({ strict: true, options: { instances: { type: 'string', default: '1,2,3' } } })
const COUNTS = values.instances.split(',').map(Number)
const USERS = Number(process.env.BENCH_USERS || 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS || 20)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const BALANCER = 3500
const BOUNCER = 6432

for (const tool of ['haproxy', 'pgbouncer']) {
  if (!which(tool)) {
    console.log(`${tool} is not installed: installing it from Debian's packages (apt-get install -y ${tool})`)
    const r = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${tool}`], {
      stdio: 'inherit',
    })
    if (r.status !== 0) throw new Error(`Could not install ${tool}`)
  }
}

interface Result {
  instances: number
  requests: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  errors: number
}

await withBenchPostgres('cluster', async (direct) => {
  const database = new URL(direct).pathname.slice(1)
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-cluster-bench-'))
  const seed = await openDb({ url: direct })
  let targets: { id: string }[]
  let numbers: string[]
  let token: string
  try {
    const t = performance.now()
    const { tenantId } = await bulkSeed(seed.db, { slug: 'bench', users: USERS, adminPassword: BENCH_PASSWORD })
    console.log(`Seeded ${USERS} users in ${((performance.now() - t) / 1000).toFixed(0)} s`)
    targets = await seed.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), isNull(users.deletedAt), eq(users.role, 'Agent')))
      .orderBy(asc(users.id))
      .limit(2000)
    numbers = (
      await seed.db
        .select({ number: extensions.number })
        .from(extensions)
        .where(and(eq(extensions.tenantId, tenantId), isNotNull(extensions.userId)))
        .limit(500)
    ).map((e) => e.number)
    const [admin] = await seed.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.username, 'admin')))
    const made = await createApiToken(
      seed.db,
      { userId: admin!.id, tenantId, label: 'bench', permissions: effectivePermissions('Admin', null) },
      { ownerId: admin!.id, name: 'cluster bench' },
    )
    if (!made.ok) throw new Error('token')
    token = made.token
  } finally {
    await seed.close()
  }

  buildIfNeeded()
  const bouncer = await startPgbouncer(BOUNCER, database, logs)
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://postgres@127.0.0.1:${BOUNCER}/${database}`,
    DATABASE_DIRECT_URL: direct,
    AUTH_SECRET: 'bench-auth-secret-bench-auth-secret-0123',
    APP_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    API_RATE_LIMIT_PER_MINUTE: '100000000',
    TRUSTED_PROXIES: '127.0.0.1',
    DB_POOL_MAX: '10',
  }
  const results: Result[] = []
  try {
    for (const n of COUNTS) {
      const ports = Array.from({ length: n }, (_, i) => BALANCER + 1 + i)
      const instances: Running[] = await Promise.all(ports.map((p) => startInstance(p, env, logs)))
      const balancer = await startHaproxy(BALANCER, ports, logs)
      try {
        const base = `http://127.0.0.1:${BALANCER}`
        const cookie = await signIn(base)
        const versions = new Map<string, number>()
        let turn = 0
        const pick = <T>(xs: T[]) => xs[turn++ % xs.length]!
        const page = (p: string) => ({ method: 'GET' as const, path: p, headers: { cookie } })
        const api = (p: string) => ({ method: 'GET' as const, path: p, headers: { authorization: `Bearer ${token}` } })
        // The mix: list views and search, a user's page, a save (the API's PATCH), an export, the API's list, eligibility.
        const requests = [
          page('/users'),
          page('/users?q=smith'),
          page('/users?role=Agent&status=active&sort=-last_login&size=50'),
          { ...page('/users/x'), setupRequest: (r: { path: string }) => ({ ...r, path: `/users/${pick(targets).id}` }) },
          {
            method: 'PATCH' as const,
            path: '/api/v1/users/x',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            setupRequest: (r: { path: string; body?: string }) => {
              const id = pick(targets).id
              return {
                ...r,
                path: `/api/v1/users/${id}`,
                body: JSON.stringify({ version: versions.get(id) ?? 1, jobTitle: `Title ${turn}` }),
              }
            },
            onResponse: (status: number, body: string) => {
              if (status === 200) {
                const data = (JSON.parse(body) as { data: { id: string; version: number } }).data
                versions.set(data.id, data.version)
              }
            },
          },
          page('/users/export/csv?q=smith&role=Supervisor'),
          api('/api/v1/users?size=25&sort=name'),
          {
            ...api('/api/v1/extensions/x/eligibility'),
            setupRequest: (r: { path: string }) => ({ ...r, path: `/api/v1/extensions/${pick(numbers)}/eligibility` }),
          },
        ]
        // Each request's refusals by what it asked, so an error says where it came from.
        const failures = new Map<string, number>()
        for (const r of requests as { path: string; onResponse?: (status: number, body: string) => void }[]) {
          const own = r.onResponse
          r.onResponse = (status, body) => {
            own?.(status, body)
            if (status >= 400 && status !== 409) {
              if (!failures.size) console.log(`first refusal: ${status} ${r.path}: ${body.slice(0, 300)}`)
              failures.set(`${status} ${r.path}`, (failures.get(`${status} ${r.path}`) ?? 0) + 1)
            }
          }
        }
        // Warm every instance's code paths, then measure.
        await autocannon({ url: base, connections: CONNECTIONS, amount: 200, requests: requests as never })
        failures.clear()
        const latencies: number[] = []
        let errors = 0
        const out = await new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            { url: base, connections: CONNECTIONS, duration: SECONDS, requests: requests as never },
            (error, result) => (error ? reject(error) : resolve(result)),
          )
          instance.on('response', (_client, status, _bytes, ms) => {
            latencies.push(ms)
            // A stale version (409) is the API saying so, not a failure of the cluster.
            if (status >= 400 && status !== 409) errors++
          })
        })
        results.push({
          instances: n,
          requests: out.requests.total,
          perSecond: Math.round(out.requests.total / SECONDS),
          p50: Math.round(quantile(latencies, 0.5)),
          p95: Math.round(quantile(latencies, 0.95)),
          p99: Math.round(quantile(latencies, 0.99)),
          errors: errors + out.errors + out.timeouts,
        })
        console.log(results.at(-1), Object.fromEntries(failures))
      } finally {
        await balancer.stop()
        await Promise.all(instances.map((i) => i.stop()))
      }
    }
  } finally {
    await bouncer.stop()
  }
  const one = results.find((r) => r.instances === 1)?.perSecond ?? results[0]!.perSecond
  const rows = results
    .map(
      (r) =>
        `| ${r.instances} | ${r.perSecond} | ${(r.perSecond / one).toFixed(2)}× | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.requests.toLocaleString('en-GB')} |`,
    )
    .join('\n')
  writeReport(
    'cluster',
    `<!-- cluster:start -->
### Several instances behind HAProxy and PgBouncer (\`npm run bench:cluster\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}. PostgreSQL 15 with ${USERS.toLocaleString('en-GB')} users in the workspace; PgBouncer ${spawnSync('sh', ['-c', 'pgbouncer --version'], { encoding: 'utf8' }).stdout.split('\n')[0]!.split(' ')[1] ?? ''} in transaction mode (pool 20) in front of it; N instances (\`npm start\`'s production server, DB_POOL_MAX 10 each) behind HAProxy (round robin, health checks on /api/health); autocannon with ${CONNECTIONS} connections for ${SECONDS} s per N, after a warm-up, cycling through: the users list, a search, a filtered and sorted view, a user's page, a save (PATCH /api/v1/users/{id} with its version), a filtered CSV export, the API's list and a PBX's eligibility question. Everything runs on this one machine: the instances share its ${os.cpus().length} cores with PostgreSQL, PgBouncer, HAProxy and the load generator.

| Instances | Requests/s | vs 1 | p50 ms | p95 ms | p99 ms | Errors | Requests |
|---|---|---|---|---|---|---|---|
${rows}
<!-- cluster:end -->`,
  )
})
