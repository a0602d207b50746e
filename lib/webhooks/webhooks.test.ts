import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getDb, getDbHandle, openDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, users, webhookDeliveries, webhooks } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { startReceiver, type TestReceiver } from '@/testing/webhook-receiver'
import { effectivePermissions } from '@/lib/auth/permissions'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { createExtension, deleteExtension, updateExtension } from '@/lib/extensions/manage-extensions'
import { createImportJob, queueImport, runImportJobs } from '@/lib/imports/import-jobs'
import { extensionImportProcessor } from '@/lib/extensions/import-extensions'
import { outboundFetch, parseHostAllowList } from '@/lib/http/outbound'
import { userImportProcessor } from '@/lib/users/import-users-apply'
import { restoreUser } from '@/lib/users/manage-deleted-users'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { createUser, updateUser } from '@/lib/users/manage-users'
import { deliverWebhooks } from './deliver-webhooks'
import { reconcileEligibility, sweepEligibility } from './eligibility-watch'
import {
  createWebhook,
  deleteWebhook,
  redeliver,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
} from './manage-webhooks'
import { WEBHOOK_EVENTS } from './webhook-input'
import { verifySignature } from './webhook-signing'

let db: Db
let receiver: TestReceiver
const fast = { backoff: () => 0 }
/** The tests share a database with other files' workspaces: each delivers, reconciles and sweeps its own. */
const mine = (ws: { tenantId: string }) => ({ ...fast, tenantId: ws.tenantId })
const PASSWORD = 'amber-lantern-73-orchard'

beforeAll(async () => {
  db = await getDb()
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
})

/** A workspace with one webhook to the receiver (every event), and that webhook's secret. */
async function hooked(events: readonly string[] = WEBHOOK_EVENTS, url = receiver.url) {
  const ws = await createTestWorkspace(db, 'hook')
  const made = await createWebhook(db, actorOf(ws), { url, events })
  if (!made.ok) throw new Error(JSON.stringify(made))
  return { ws, id: made.id, secret: made.secret! }
}
const receivedFor = (ws: TestWorkspace) => receiver.received.filter((r) => r.json.workspace === ws.tenantId)
const deliveriesOf = (webhookId: string) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId))

describe('webhook events', () => {
  it('each event type arrives once, signed, with only the changed fields of an update and no secret', async () => {
    const { ws, secret } = await hooked()
    const admin = actorOf(ws)
    const ext = await createExtension(db, admin, { number: '4101', type: 'SIP' })
    if (!ext.ok) throw new Error('extension')
    await updateExtension(db, admin, { id: ext.id, number: '4101', type: 'WebRTC', version: 1 })
    const made = await createUser(db, admin, {
      fullName: 'Hook Person',
      email: 'hook@x.test',
      username: 'hook.person',
      role: 'Agent',
      password: PASSWORD,
      extensionId: ext.id,
      forceLogin: 'on',
    })
    if (!made.ok) throw new Error(JSON.stringify(made))
    await updateUser(db, admin, {
      id: made.id,
      version: 1,
      fullName: 'Hook Person',
      email: 'hook@x.test',
      username: 'hook.person',
      role: 'Agent',
      jobTitle: 'Lead',
      extensionId: ext.id,
      forceLogin: 'on',
    })
    // Force login: signing in makes the extension eligible.
    expect(
      await verifyCredentials(db, { workspace: ws.slug, identifier: 'hook.person', password: PASSWORD }, { ip: null, userAgent: 't' }),
    ).toMatchObject({ ok: true })
    // The worker reconciles right after each commit (NOTIFY): here, after each step.
    await reconcileEligibility(db, mine(ws))
    await runBulkAction(db, admin, { action: 'deactivate', ids: [made.id] })
    await reconcileEligibility(db, mine(ws))
    await runBulkAction(db, admin, { action: 'activate', ids: [made.id] })
    await reconcileEligibility(db, mine(ws))
    await runBulkAction(db, admin, { action: 'delete', ids: [made.id] })
    await reconcileEligibility(db, mine(ws))
    await restoreUser(db, admin, { id: made.id })
    await reconcileEligibility(db, mine(ws))
    const other = await createExtension(db, admin, { number: '4102' })
    if (!other.ok) throw new Error('extension')
    await deleteExtension(db, admin, { id: other.id })
    const job = await createImportJob(db, admin, userImportProcessor, {
      kind: 'users',
      fileName: 'hook.csv',
      bytes: Buffer.from('Full name,Username,Email,Role\nImported Person,imported.person,imported@x.test,Agent\n'),
      options: {},
    })
    if (!job.ok) throw new Error('import')
    const run = async () =>
      runImportJobs(
        db,
        { users: userImportProcessor, extensions: extensionImportProcessor },
        { progressWrites: (await getDbHandle()).kind === 'postgres' },
      )
    await run()
    await queueImport(db, admin, userImportProcessor, job.id, { skipErrors: false })
    await run()
    await reconcileEligibility(db, mine(ws))

    await deliverWebhooks(db, mine(ws))
    const got = receivedFor(ws)
    expect(new Set(got.map((r) => r.json.type))).toEqual(new Set(WEBHOOK_EVENTS))
    // Once each: no event id twice.
    expect(new Set(got.map((r) => r.json.id)).size).toBe(got.length)
    for (const r of got) {
      expect(verifySignature(String(r.headers['switchboard-signature']), r.body, secret)).toBe(true)
      expect(r.headers['switchboard-event-id']).toBe(r.json.id)
      expect(r.headers['switchboard-event-type']).toBe(r.json.type)
      expect(r.body).not.toMatch(/argon2|password|sip_secret|whsec_/i)
    }
    const updated = got.find((r) => r.json.type === 'user.updated' && r.json.data.id === made.id)!
    expect(updated.json.data).toEqual({ id: made.id, username: 'hook.person', changes: { jobTitle: 'Lead' } })
    expect(got.find((r) => r.json.type === 'extension.updated')!.json.data).toMatchObject({ number: '4101', changes: { type: 'WebRTC' } })
    const eligibility = got.filter((r) => r.json.type === 'eligibility.changed').map((r) => [r.json.data.allowed, r.json.data.reason])
    // Signed in → allowed; deactivated → not; activated (the deactivation ended the session) → still not; deleted → still
    // not; restored (a delete turns force login off) → allowed again. Only the flips are events.
    expect(eligibility).toEqual([
      [true, 'ok'],
      [false, 'user_inactive'],
      [true, 'ok'],
    ])
    expect(got.find((r) => r.json.type === 'import.completed')!.json.data).toMatchObject({ kind: 'users', created: 1, status: 'done' })
    expect(got.find((r) => r.json.type === 'user.created' && r.json.data.username === 'hook.person')!.json.data).toMatchObject({
      fullName: 'Hook Person',
      extension: '4101',
      forceLogin: true,
    })
  })

  it('a rolled-back change sends nothing; a workspace without webhooks writes no deliveries', async () => {
    const { ws, id } = await hooked()
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ tenantId: ws.tenantId, fullName: 'Never', email: 'never@x.test', username: 'never.was' })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await deliveriesOf(id)).toEqual([])
    const quiet = await createTestWorkspace(db, 'quiet')
    await createTestUser(db, quiet.tenantId)
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, quiet.tenantId))).toEqual([])
  })

  it('only the events a webhook asked for, and nothing to a webhook switched off', async () => {
    const { ws, id } = await hooked(['user.deactivated'])
    const user = await createTestUser(db, ws.tenantId)
    await runBulkAction(db, actorOf(ws), { action: 'deactivate', ids: [user.id] })
    expect((await deliveriesOf(id)).map((d) => d.eventType)).toEqual(['user.deactivated'])
    await updateWebhook(db, actorOf(ws), { id, url: receiver.url, events: ['user.deactivated'], enabled: false })
    await runBulkAction(db, actorOf(ws), { action: 'activate', ids: [user.id] })
    await runBulkAction(db, actorOf(ws), { action: 'deactivate', ids: [user.id] })
    expect(await deliveriesOf(id)).toHaveLength(1)
  })
})

describe('delivery', () => {
  it('a receiver that fails 3 times then succeeds gets the event on the 4th attempt', async () => {
    const { ws, id } = await hooked(['user.created'])
    const seen: string[] = []
    receiver.respond = (_i, r) => {
      if (r.json.workspace !== ws.tenantId) return 200
      seen.push(r.json.id)
      return seen.length <= 3 ? 503 : 200
    }
    try {
      await createTestUser(db, ws.tenantId)
      for (let i = 0; i < 4; i++) await deliverWebhooks(db, mine(ws))
      const [d] = await deliveriesOf(id)
      expect(d).toMatchObject({ status: 'delivered', attempts: 4, lastStatus: 200 })
      expect(seen).toHaveLength(4)
      expect(new Set(seen).size).toBe(1)
      // The failures were recorded; a success ends the failing streak.
      expect((await db.select().from(webhooks).where(eq(webhooks.id, id)))[0]!.failingSince).toBeNull()
    } finally {
      receiver.respond = () => 200
    }
  })

  it('keeps order per webhook: a failing head holds the next ones until it is through', async () => {
    const { ws, id } = await hooked(['user.created'])
    let failFirst = true
    receiver.respond = (_i, r) => {
      if (r.json.workspace !== ws.tenantId || !failFirst) return 200
      failFirst = false
      return 500
    }
    try {
      const names = ['first', 'second', 'third'].map((n) => `${n}.${Math.random().toString(36).slice(2, 8)}`)
      for (const n of names) await db.insert(users).values({ tenantId: ws.tenantId, fullName: n, email: `${n}@x.test`, username: n })
      await deliverWebhooks(db, { ...mine(ws), backoff: () => 3600 })
      expect(receivedFor(ws).map((r) => r.json.data.username)).toEqual([names[0]])
      await db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: sql`now()` })
        .where(eq(webhookDeliveries.webhookId, id))
      await deliverWebhooks(db, mine(ws))
      expect(receivedFor(ws).map((r) => r.json.data.username)).toEqual([names[0], ...names])
    } finally {
      receiver.respond = () => 200
    }
  })

  it('a receiver slow to answer keeps its webhook leased: the lease is renewed between its deliveries, not only per 50', async () => {
    const { ws, id } = await hooked(['user.created'])
    // In microseconds (a Date would round to the millisecond): each renewal is later than the one before.
    const leaseOf = async () =>
      (
        await db
          .select({ until: sql<string | null>`(extract(epoch from ${webhooks.deliveringUntil}) * 1e6)::bigint::text` })
          .from(webhooks)
          .where(eq(webhooks.id, id))
      )[0]!.until
    // Each answer "takes" 31 s of the sender's clock: past half the 60 s lease.
    const realNow = Date.now.bind(Date)
    let skew = 0
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + skew)
    const leases: (string | null)[] = []
    receiver.respond = async (_i, r) => {
      if (r.json.workspace !== ws.tenantId) return 200
      leases.push(await leaseOf())
      skew += 31_000
      return 200
    }
    try {
      for (let i = 0; i < 3; i++) await createTestUser(db, ws.tenantId)
      await deliverWebhooks(db, mine(ws))
      expect(receivedFor(ws)).toHaveLength(3)
      expect(BigInt(leases[1]!)).toBeGreaterThan(BigInt(leases[0]!))
      expect(BigInt(leases[2]!)).toBeGreaterThan(BigInt(leases[1]!))
      expect(await leaseOf()).toBeNull()
    } finally {
      clock.mockRestore()
      receiver.respond = () => 200
    }
  })

  it('two instances on one database deliver 1,000 events each exactly once, in order per webhook', async () => {
    const { ws, id } = await hooked(['user.created'])
    // A second webhook of the same workspace gets the same events.
    const other = await createWebhook(db, actorOf(ws), { url: `${receiver.url}?second`, events: ['user.created'] })
    if (!other.ok) throw new Error('webhook')
    await db.execute(sql`
      INSERT INTO users (tenant_id, full_name, email, username)
      SELECT ${ws.tenantId}::uuid, 'Bulk ' || g, 'bulk' || g || '@x.test', 'bulk.' || lpad(g::text, 4, '0') FROM generate_series(1, 1000) g`)
    const handleB = process.env.DATABASE_URL ? await openDb({ migrate: false }) : null
    try {
      const dbB = handleB?.db ?? db
      await Promise.all([
        deliverWebhooks(db, mine(ws)),
        deliverWebhooks(dbB, mine(ws)),
        deliverWebhooks(db, mine(ws)),
        deliverWebhooks(dbB, mine(ws)),
      ])
      await deliverWebhooks(db, mine(ws))
    } finally {
      await handleB?.close()
    }
    const byWebhook = new Map<string, string[]>()
    for (const d of await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, ws.tenantId))) {
      expect(d.status).toBe('delivered')
      expect(d.attempts).toBe(1)
      byWebhook.set(d.webhookId, [...(byWebhook.get(d.webhookId) ?? []), d.eventId])
    }
    expect([...byWebhook.values()].map((v) => v.length)).toEqual([1000, 1000])
    const got = receivedFor(ws)
    expect(got).toHaveLength(2000)
    expect(new Set(got.map((r) => `${r.json.id}`)).size).toBe(1000)
    // Each webhook's events came in the order they happened.
    for (const [webhookId, path] of [
      [id, '/hooks'],
      [other.id, '/hooks?second'],
    ] as const) {
      const order = (
        await db
          .select({ eventId: webhookDeliveries.eventId, seq: webhookDeliveries.seq })
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.webhookId, webhookId))
      )
        .sort((a, b) => a.seq - b.seq)
        .map((d) => d.eventId)
      expect(got.filter((r) => r.url === path).map((r) => r.json.id)).toEqual(order)
    }
  })

  it('refuses loopback, metadata and private addresses, and a name resolving to loopback, unless allow-listed', async () => {
    const ws = await createTestWorkspace(db, 'ssrf')
    const saved = process.env.WEBHOOK_ALLOWED_HOSTS
    for (const url of [
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.1/hook',
      'http://example.com/hook',
    ]) {
      const result = await createWebhook(db, actorOf(ws), { url, events: ['user.created'] })
      // 127.0.0.1 is allow-listed for the tests' receivers: over https it is allowed, like any allow-listed host.
      if (url.startsWith('https://127.0.0.1')) expect(result.ok, url).toBe(true)
      else expect(result, url).toMatchObject({ ok: false, fieldErrors: { url: expect.any(String) } })
    }
    // With no allow-list: loopback refused on save, and a name that resolves to it refused on connect.
    const strict = outboundFetch(parseHostAllowList('', 'WEBHOOK_ALLOWED_HOSTS'))
    await expect(strict('https://127.0.0.1:1/x', { method: 'POST' })).rejects.toThrow(/private network/)
    await expect(strict(`https://localhost:${new URL(receiver.url).port}/x`, { method: 'POST' })).rejects.toThrow()
    const refused = await strict(`https://localhost:${new URL(receiver.url).port}/x`, { method: 'POST' }).catch((e: Error) => e.cause ?? e)
    expect(String((refused as Error).message)).toMatch(/private address/)
    // Allow-listed by name, the same request reaches the receiver (over http, which allow-listing also permits).
    const lenient = outboundFetch(parseHostAllowList('localhost', 'WEBHOOK_ALLOWED_HOSTS'))
    expect(
      (
        await lenient(`http://localhost:${new URL(receiver.url).port}/hooks`, {
          method: 'POST',
          body: '{"id":"x","type":"t","workspace":"w","data":{}}',
        })
      ).status,
    ).toBe(200)
    process.env.WEBHOOK_ALLOWED_HOSTS = saved
  })

  it('switches a webhook off after 24 hours of failures, and says why', async () => {
    const { ws, id } = await hooked(['user.created'], 'http://127.0.0.1:1/nothing-listens')
    await createTestUser(db, ws.tenantId)
    await db
      .update(webhooks)
      .set({ failingSince: sql`now() - interval '25 hours'` })
      .where(eq(webhooks.id, id))
    await deliverWebhooks(db, mine(ws))
    const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id))
    expect(row).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('every delivery failed for 24 hours') })
    expect(
      await db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'webhook.disable'))),
    ).toHaveLength(1)
    // A delivery queued more than 24 hours ago is given up on.
    await db
      .update(webhookDeliveries)
      .set({ queuedAt: sql`now() - interval '25 hours'`, nextAttemptAt: sql`now()` })
      .where(eq(webhookDeliveries.webhookId, id))
    await updateWebhook(db, actorOf(ws), { id, url: 'http://127.0.0.1:1/nothing-listens', events: ['user.created'], enabled: true })
    await deliverWebhooks(db, mine(ws))
    expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(['failed'])
  })
})

describe('Settings › Webhooks', () => {
  it('rotate signs with both secrets for 24 hours; reveal shows the current one, audited', async () => {
    const { ws, id, secret } = await hooked(['user.created'])
    const rotated = await rotateWebhookSecret(db, actorOf(ws), { id })
    if (!rotated.ok) throw new Error('rotate')
    expect((await revealWebhookSecret(db, actorOf(ws), { id })) as { secret: string }).toMatchObject({ ok: true, secret: rotated.secret })
    await createTestUser(db, ws.tenantId)
    await deliverWebhooks(db, mine(ws))
    const [r] = receivedFor(ws)
    expect(verifySignature(String(r!.headers['switchboard-signature']), r!.body, rotated.secret)).toBe(true)
    expect(verifySignature(String(r!.headers['switchboard-signature']), r!.body, secret)).toBe(true)
    expect(verifySignature(String(r!.headers['switchboard-signature']), r!.body, 'whsec_wrong')).toBe(false)
    expect((await db.select().from(auditEntries).where(eq(auditEntries.entityId, id))).map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.create', 'webhook.secret_rotate', 'webhook.secret_reveal']),
    )
  })

  it('Send test event and Redeliver queue deliveries for that webhook', async () => {
    const { ws, id } = await hooked(['user.created'])
    expect(await sendTestEvent(db, actorOf(ws), { id })).toMatchObject({ ok: true })
    await deliverWebhooks(db, mine(ws))
    const [test] = await deliveriesOf(id)
    expect(test).toMatchObject({ eventType: 'webhook.test', status: 'delivered' })
    expect(await redeliver(db, actorOf(ws), { id, deliveryId: test!.id })).toMatchObject({ ok: true })
    await deliverWebhooks(db, mine(ws))
    const got = receivedFor(ws)
    expect(got.map((r) => r.json.type)).toEqual(['webhook.test', 'webhook.test'])
    expect(got[0]!.json.id).toBe(got[1]!.json.id)
  })

  it('refuses bad input and other workspaces, and is for settings.manage only', async () => {
    const { ws, id } = await hooked(['user.created'])
    const other = await createTestWorkspace(db, 'hook-other')
    const theirs = actorOf(other)
    expect(await createWebhook(db, actorOf(ws), { url: receiver.url, events: [] })).toMatchObject({
      ok: false,
      fieldErrors: { events: expect.any(String) },
    })
    expect(await createWebhook(db, actorOf(ws), { url: receiver.url, events: ['user.exploded'] })).toMatchObject({
      ok: false,
      fieldErrors: { events: expect.any(String) },
    })
    expect(await createWebhook(db, actorOf(ws), { url: 'not a url', events: ['user.created'] })).toMatchObject({
      ok: false,
      fieldErrors: { url: expect.any(String) },
    })
    expect(await createWebhook(db, actorOf(ws), { url: `${receiver.url}\u0000`, events: ['user.created'] })).toMatchObject({ ok: false })
    const supervisor = { ...actorOf(ws), permissions: effectivePermissions('Supervisor', null) }
    expect(await createWebhook(db, supervisor, { url: receiver.url, events: ['user.created'] })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    })
    for (const result of [
      await updateWebhook(db, theirs, { id, url: receiver.url, events: ['user.created'], enabled: false }),
      await deleteWebhook(db, theirs, { id }),
      await revealWebhookSecret(db, theirs, { id }),
      await rotateWebhookSecret(db, theirs, { id }),
      await sendTestEvent(db, theirs, { id }),
      await redeliver(db, theirs, { id, deliveryId: id }),
      await deleteWebhook(db, actorOf(ws), { id: 'not-an-id' }),
    ]) {
      expect(result).toMatchObject({ ok: false, reason: 'not_found' })
    }
    expect((await db.select().from(webhooks).where(eq(webhooks.id, id)))[0]).toMatchObject({ enabled: true, version: 1 })
    expect(await deliveriesOf(id)).toEqual([])
  })
})

describe('eligibility.changed', () => {
  it('a force-login agent’s expired session flips it back within one sweep, once however many instances sweep', async () => {
    const { ws } = await hooked(['eligibility.changed'])
    const admin = actorOf(ws)
    const ext = await createExtension(db, admin, { number: '4201' })
    if (!ext.ok) throw new Error('extension')
    const made = await createUser(db, admin, {
      fullName: 'Shift Agent',
      email: 'shift@x.test',
      username: 'shift.agent',
      role: 'Agent',
      password: PASSWORD,
      extensionId: ext.id,
      forceLogin: 'on',
    })
    if (!made.ok) throw new Error('user')
    const signedIn = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: 'shift.agent', password: PASSWORD },
      { ip: null, userAgent: 't' },
    )
    if (!signedIn.ok) throw new Error('sign-in')
    await reconcileEligibility(db, mine(ws))
    // Nothing changed since: a sweep marks nothing.
    expect(await sweepEligibility(db, mine(ws))).toBe(0)
    await db
      .update(dashboardSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(dashboardSessions.id, signedIn.sessionId))
    expect(await sweepEligibility(db, mine(ws))).toBe(1)
    expect(await sweepEligibility(db, mine(ws))).toBe(0)
    await Promise.all([reconcileEligibility(db, mine(ws)), reconcileEligibility(db, mine(ws))])
    await deliverWebhooks(db, mine(ws))
    expect(receivedFor(ws).map((r) => [r.json.data.extension, r.json.data.allowed, r.json.data.reason])).toEqual([
      ['4201', true, 'ok'],
      ['4201', false, 'not_signed_in'],
    ])
  })
})
