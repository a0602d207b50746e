/**
 * npm run bench:webhooks — the webhook outbox: 10,000 events (users created by
 * one statement, each a user.created written by the trigger in that
 * transaction) for one webhook, delivered by two senders at once (on
 * PostgreSQL two pools, as two app instances; PGlite is one process) to an HTTP
 * receiver on loopback. Measures events/s, the lag from the commit to the last
 * event received, each event's lag (p50/p95), that each arrived once, and in
 * order. BENCH_ONLY=postgres|pglite, BENCH_EVENTS.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import type { DbHandle } from '@/db/client'
import { createWorkspace } from '@/lib/workspaces/create-workspace'
import { createWebhook } from '@/lib/webhooks/manage-webhooks'
import { deliverWebhooks } from '@/lib/webhooks/deliver-webhooks'
import { effectivePermissions } from '@/lib/auth/permissions'
import { BENCH_PASSWORD, machine, onBothDatabases, quantile, writeReport } from './support'

process.env.APP_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString('base64')
process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString('base64')
process.env.WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1'
const EVENTS = Number(process.env.BENCH_EVENTS || 10_000)

async function receiver() {
  const arrivals: { username: string; at: number; id: string }[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; data: { username: string } }
      arrivals.push({ username: body.data.username, at: performance.now(), id: body.id })
      res.writeHead(200).end()
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    arrivals,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

async function runOn(kind: string, a: DbHandle, b: DbHandle) {
  const ws = await createWorkspace(
    a.db,
    {
      slug: `hooks-${Date.now().toString(36)}`,
      name: 'Webhooks bench',
      adminUsername: 'admin',
      adminEmail: 'admin@bench.test',
      adminPassword: BENCH_PASSWORD,
    },
    { userId: null, label: 'bench' },
  )
  const sink = await receiver()
  try {
    const admin = { userId: ws.adminUserId, tenantId: ws.tenantId, label: 'bench', permissions: effectivePermissions('Admin', null) }
    const hook = await createWebhook(a.db, admin, { url: sink.url, events: ['user.created'] })
    if (!hook.ok) throw new Error(JSON.stringify(hook))
    const queued = performance.now()
    await a.db.execute(sql`
      INSERT INTO users (tenant_id, full_name, email, username)
      SELECT ${ws.tenantId}::uuid, 'Bench ' || g, 'bench' || g || '@bench.test', 'bench.' || lpad(g::text, 6, '0') FROM generate_series(1, ${EVENTS}) g`)
    const committed = performance.now()
    const t = performance.now()
    const [x, y] = await Promise.all([deliverWebhooks(a.db, { backoff: () => 0 }), deliverWebhooks(b.db, { backoff: () => 0 })])
    const ms = performance.now() - t
    const ids = new Set(sink.arrivals.map((r) => r.id))
    const order = sink.arrivals.map((r) => r.username)
    const inOrder = order.every((u, i) => i === 0 || order[i - 1]! < u)
    return {
      kind,
      delivered: x.delivered + y.delivered,
      received: sink.arrivals.length,
      once: ids.size === sink.arrivals.length && ids.size === EVENTS,
      inOrder,
      queueMs: Math.round(committed - queued),
      perSecond: Math.round((sink.arrivals.length / ms) * 1000),
      lagMs: Math.round((sink.arrivals.at(-1)?.at ?? t) - committed),
      p50: Math.round(
        quantile(
          sink.arrivals.map((r) => r.at - committed),
          0.5,
        ),
      ),
      p95: Math.round(
        quantile(
          sink.arrivals.map((r) => r.at - committed),
          0.95,
        ),
      ),
      split: `${x.delivered} / ${y.delivered}`,
    }
  } finally {
    await sink.close()
  }
}

const results = await onBothDatabases('webhooks', runOn)
for (const r of results) console.log(r)
const rows = results
  .map(
    (r) =>
      `| ${r.kind} | ${r.received.toLocaleString('en-GB')} | ${r.once ? 'yes' : '**no**'} | ${r.inOrder ? 'yes' : '**no**'} | ${r.queueMs} ms | ${r.perSecond} | ${(r.lagMs / 1000).toFixed(1)} s | ${(r.p50 / 1000).toFixed(1)} / ${(r.p95 / 1000).toFixed(1)} s | ${r.split} |`,
  )
  .join('\n')
writeReport(
  'webhooks',
  `<!-- webhooks:start -->
### Webhooks (\`npm run bench:webhooks\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}. ${EVENTS.toLocaleString('en-GB')} users created by one statement: the trigger writes one user.created each into the outbox in that transaction ("Queue" is that statement, inserts and triggers). Then two senders deliver at once (two pools on PostgreSQL, as two instances) to an HTTP receiver on loopback. One webhook's events go one at a time, in order (a lease on the webhook: the second sender finds it taken and has nothing to do), so its throughput is one sender's; many webhooks are delivered side by side. "Lag" is from the commit to the last event received; p50/p95 are per event. No target in the issue.

| Database | Received | Each once | In order | Queue | Events/s | Lag | p50 / p95 | Sender A / B |
|---|---|---|---|---|---|---|---|---|
${rows}
<!-- webhooks:end -->`,
)
