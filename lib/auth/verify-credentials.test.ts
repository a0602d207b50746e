import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { dashboardSessions, users } from '@/db/schema'
import {
  createTestUser,
  createTestWorkspace,
  loginEventsOf,
  setUserStatus,
  softDeleteUser,
  uniqueSuffix,
  type TestWorkspace,
} from '@/testing/fixtures'
import type { ClientInfo } from '@/lib/http/client-info'
import { parseTrustedProxies, resolveClientAddress } from '@/lib/http/client-address'
import { THROTTLE } from './throttle'
import { verifyCredentials } from './verify-credentials'

let db: Db
let ws: TestWorkspace
let counter = 0
/** A fresh client address per call, so the per-IP limit only bites where a test means it to. */
const client = (): ClientInfo => ({
  ip: `10.${(counter >> 8) & 255}.${counter++ & 255}.${Math.floor(Math.random() * 250) + 1}`,
  userAgent: 'vitest',
})

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db)
})

describe('verifyCredentials', () => {
  it('signs in with username or email (any case), records the event and a dashboard session', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const byName = await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client())
    expect(byName.ok).toBe(true)
    const byEmail = await verifyCredentials(
      db,
      { workspace: ws.slug.toUpperCase(), identifier: user.email.toUpperCase(), password: user.password },
      client(),
    )
    expect(byEmail.ok).toBe(true)
    if (!byEmail.ok) return
    const [session] = await db
      .select()
      .from(dashboardSessions)
      .where(and(eq(dashboardSessions.tenantId, ws.tenantId), eq(dashboardSessions.id, byEmail.sessionId)))
    expect(session?.userId).toBe(user.id)
    expect(session?.endedAt).toBeNull()
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now())
    const [row] = await db
      .select({ lastLoginAt: users.lastLoginAt })
      .from(users)
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, user.id)))
    expect(row?.lastLoginAt).not.toBeNull()
    const events = (await loginEventsOf(db, ws.tenantId)).filter((e) => e.userId === user.id)
    expect(events.map((e) => e.outcome)).toEqual(['success', 'success'])
    expect(events[0]).toMatchObject({ kind: 'sign_in', userAgent: 'vitest' })
    expect(events[0]?.ip).toMatch(/^10\./)
  })

  it('answers wrong password, unknown user, unknown workspace, inactive and deleted users identically', async () => {
    const inactive = await createTestUser(db, ws.tenantId, { status: 'inactive' })
    const deleted = await createTestUser(db, ws.tenantId)
    await softDeleteUser(db, ws.tenantId, deleted.id)
    const good = await createTestUser(db, ws.tenantId)
    const attempts = [
      { workspace: ws.slug, identifier: good.username, password: 'Wrong-password-1' },
      { workspace: ws.slug, identifier: `nobody.${uniqueSuffix()}`, password: good.password },
      { workspace: `nope-${uniqueSuffix()}`, identifier: good.username, password: good.password },
      { workspace: ws.slug, identifier: inactive.username, password: inactive.password },
      { workspace: ws.slug, identifier: deleted.username, password: deleted.password },
    ]
    const results = []
    for (const a of attempts) results.push(await verifyCredentials(db, a, client()))
    for (const r of results) expect(r).toEqual({ ok: false, reason: 'invalid' })

    // The admin-facing log keeps the real reason.
    const events = await loginEventsOf(db, ws.tenantId)
    expect(events.find((e) => e.userId === good.id)?.outcome).toBe('invalid_credentials')
    expect(events.find((e) => e.userId === inactive.id)?.outcome).toBe('inactive')
    expect(events.find((e) => e.userId === null && e.identifier.startsWith('nobody.'))?.outcome).toBe('invalid_credentials')
    expect(events.find((e) => e.userId === deleted.id)).toBeUndefined()
  })

  it.each([
    ['empty fields', { workspace: '', identifier: '', password: '' }],
    ['missing fields', {}],
    ['not an object', 'workspace=demo'],
    ['10 KB strings', { workspace: 'w'.repeat(10_240), identifier: 'u'.repeat(10_240), password: 'p'.repeat(10_240) }],
    ['unicode', { workspace: 'ワークスペース', identifier: 'ユーザー👩‍💻', password: 'pässwörd✓✓✓✓' }],
    ['SQL metacharacters', { workspace: "demo' OR '1'='1", identifier: "admin'--", password: "' OR 1=1; DROP TABLE users;--" }],
    ['NUL bytes', { workspace: 'demo\u0000', identifier: 'admin\u0000', password: 'x\u0000y' }],
  ])('answers bad input (%s) like a wrong password, without throwing', async (_name, input) => {
    await expect(verifyCredentials(db, input, client())).resolves.toEqual({ ok: false, reason: 'invalid' })
  })

  it('locks an account after repeated failures, even for the right password, and says so', async () => {
    const user = await createTestUser(db, ws.tenantId)
    for (let i = 0; i < THROTTLE.accountMaxFailures; i++) {
      expect(
        await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: `Wrong-${i}-password` }, client()),
      ).toEqual({ ok: false, reason: 'invalid' })
    }
    const locked = await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client())
    expect(locked).toEqual({ ok: false, reason: 'throttled' })
    // Same name in another case is the same account.
    expect(
      await verifyCredentials(db, { workspace: ws.slug, identifier: user.username.toUpperCase(), password: user.password }, client()),
    ).toEqual({ ok: false, reason: 'throttled' })
    const events = await loginEventsOf(db, ws.tenantId)
    expect(events.filter((e) => e.outcome === 'throttled').length).toBeGreaterThanOrEqual(2)
    // Other accounts of the workspace are unaffected.
    const other = await createTestUser(db, ws.tenantId)
    expect((await verifyCredentials(db, { workspace: ws.slug, identifier: other.username, password: other.password }, client())).ok).toBe(
      true,
    )
  })

  it('locks a client address after many failures across accounts', async () => {
    const ip: ClientInfo = { ip: '192.0.2.77', userAgent: 'vitest' }
    for (let i = 0; i < THROTTLE.ipMaxFailures; i++) {
      await verifyCredentials(db, { workspace: ws.slug, identifier: `spray.${i}.${uniqueSuffix()}`, password: 'Wrong-password-1' }, ip)
    }
    const user = await createTestUser(db, ws.tenantId)
    expect(await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, ip)).toEqual({
      ok: false,
      reason: 'throttled',
    })
    // The same user from elsewhere still gets in.
    expect((await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client())).ok).toBe(
      true,
    )
  })

  it('one account has one budget, whether its username or its email is typed', async () => {
    const user = await createTestUser(db, ws.tenantId)
    // Before: 5 failures by username and 5 more by email were two separate budgets of 5.
    for (let i = 0; i < THROTTLE.accountMaxFailures; i++) {
      const identifier = i % 2 ? user.email : user.username
      await verifyCredentials(db, { workspace: ws.slug, identifier, password: `Wrong-${i}-password` }, client())
    }
    expect(await verifyCredentials(db, { workspace: ws.slug, identifier: user.email, password: user.password }, client())).toEqual({
      ok: false,
      reason: 'throttled',
    })
    expect(await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client())).toEqual({
      ok: false,
      reason: 'throttled',
    })
  })

  it('a forged X-Forwarded-For on every attempt neither escapes the address throttle nor reaches the login events', async () => {
    // What scripts/serve.ts does for each request with no proxy configured: the socket's address, whatever the header says.
    const socket = '192.0.2.91'
    const from = (i: number): ClientInfo => ({
      ip: resolveClientAddress(socket, `203.0.113.${i % 250}`, parseTrustedProxies(undefined)),
      userAgent: 'vitest',
    })
    let throttledAt = -1
    for (let i = 0; i < 60 && throttledAt < 0; i++) {
      const result = await verifyCredentials(
        db,
        { workspace: ws.slug, identifier: `forger.${i}.${uniqueSuffix()}`, password: 'Wrong-password-1' },
        from(i),
      )
      if (!result.ok && result.reason === 'throttled') throttledAt = i
    }
    expect(throttledAt).toBe(THROTTLE.ipMaxFailures)
    const events = (await loginEventsOf(db, ws.tenantId)).filter((e) => e.identifier.startsWith('forger.'))
    expect(events.length).toBeGreaterThan(0)
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set([socket]))
  })

  it('forgets earlier failures after a successful sign-in', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const creds = { workspace: ws.slug, identifier: user.username }
    for (let i = 0; i < THROTTLE.accountMaxFailures - 1; i++)
      await verifyCredentials(db, { ...creds, password: 'Wrong-password-1' }, client())
    expect((await verifyCredentials(db, { ...creds, password: user.password }, client())).ok).toBe(true)
    await verifyCredentials(db, { ...creds, password: 'Wrong-password-1' }, client())
    expect((await verifyCredentials(db, { ...creds, password: user.password }, client())).ok).toBe(true)
  })

  it('keeps workspaces apart: a user of one workspace cannot sign in to another', async () => {
    const other = await createTestWorkspace(db)
    expect(
      await verifyCredentials(db, { workspace: other.slug, identifier: ws.admin.username, password: ws.admin.password }, client()),
    ).toEqual({ ok: false, reason: 'invalid' })
    await setUserStatus(db, ws.tenantId, ws.admin.id, 'active')
  })
})
