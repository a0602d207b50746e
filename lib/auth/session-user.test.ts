import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { dashboardSessions, profiles } from '@/db/schema'
import {
  bumpSessionVersion,
  createTestUser,
  createTestWorkspace,
  setUserStatus,
  softDeleteUser,
  type TestWorkspace,
} from '@/testing/fixtures'
import { endDashboardSession, loadSessionUser, type SessionClaims } from './session-user'
import { verifyCredentials } from './verify-credentials'

let db: Db
let ws: TestWorkspace

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db)
})

async function signedIn(options: Parameters<typeof createTestUser>[2] = {}) {
  const user = await createTestUser(db, ws.tenantId, options)
  const result = await verifyCredentials(
    db,
    { workspace: ws.slug, identifier: user.username, password: user.password },
    { ip: '127.0.0.1', userAgent: 'vitest' },
  )
  if (!result.ok) throw new Error('sign-in failed')
  const claims: SessionClaims = {
    userId: result.userId,
    tenantId: result.tenantId,
    sessionVersion: result.sessionVersion,
    sessionId: result.sessionId,
  }
  return { user, claims }
}

async function sessionRow(claims: SessionClaims) {
  const [row] = await db
    .select()
    .from(dashboardSessions)
    .where(and(eq(dashboardSessions.tenantId, claims.tenantId), eq(dashboardSessions.id, claims.sessionId)))
  return row!
}

describe('loadSessionUser (every request re-reads the user)', () => {
  it('returns the user with their effective permissions', async () => {
    const [profile] = await db
      .insert(profiles)
      .values({ tenantId: ws.tenantId, role: 'Supervisor', name: `Narrow ${Date.now()}`, permissions: ['reports.read'] })
      .returning()
    const { claims } = await signedIn({ role: 'Supervisor', profileId: profile!.id })
    const result = await loadSessionUser(db, claims)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.user.tenantSlug).toBe(ws.slug)
      expect([...result.user.permissions]).toEqual(['reports.read'])
    }
  })

  it('rejects a user deactivated since sign-in, on the very next request, and ends the session', async () => {
    const { user, claims } = await signedIn()
    expect((await loadSessionUser(db, claims)).ok).toBe(true)
    await setUserStatus(db, ws.tenantId, user.id, 'inactive')
    expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: 'inactive' })
    expect((await sessionRow(claims)).endReason).toBe('inactive')
    // Reactivating does not revive that session.
    await setUserStatus(db, ws.tenantId, user.id, 'active')
    expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: 'session-ended' })
  })

  it('rejects a session whose session version was bumped (password change, revocation)', async () => {
    const { user, claims } = await signedIn()
    await bumpSessionVersion(db, ws.tenantId, user.id)
    expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: 'revoked' })
  })

  it('rejects a deleted user', async () => {
    const { user, claims } = await signedIn()
    await softDeleteUser(db, ws.tenantId, user.id)
    expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: 'deleted' })
  })

  it('rejects a signed-out or expired session', async () => {
    const a = await signedIn()
    expect(await endDashboardSession(db, a.claims, 'signed_out')).toBe(true)
    expect(await endDashboardSession(db, a.claims, 'signed_out')).toBe(false)
    expect(await loadSessionUser(db, a.claims)).toEqual({ ok: false, reason: 'session-ended' })

    const b = await signedIn()
    await db
      .update(dashboardSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(dashboardSessions.tenantId, ws.tenantId), eq(dashboardSessions.id, b.claims.sessionId)))
    expect(await loadSessionUser(db, b.claims)).toEqual({ ok: false, reason: 'session-ended' })
  })

  it('rejects claims that mix workspaces or invent a session', async () => {
    const { claims } = await signedIn()
    const other = await createTestWorkspace(db)
    expect(await loadSessionUser(db, { ...claims, tenantId: other.tenantId })).toEqual({ ok: false, reason: 'no-user' })
    expect(await loadSessionUser(db, { ...claims, sessionId: crypto.randomUUID() })).toEqual({ ok: false, reason: 'session-ended' })
  })

  it('refreshes last-seen at most once a minute', async () => {
    const { claims } = await signedIn()
    await db
      .update(dashboardSessions)
      .set({ lastSeenAt: sql`now() - interval '5 minutes'` })
      .where(and(eq(dashboardSessions.tenantId, ws.tenantId), eq(dashboardSessions.id, claims.sessionId)))
    const before = (await sessionRow(claims)).lastSeenAt
    await loadSessionUser(db, claims)
    const after = (await sessionRow(claims)).lastSeenAt
    expect(after.getTime()).toBeGreaterThan(before.getTime())
  })
})

describe('idle timeout (SESSION_IDLE_MINUTES, default 30)', () => {
  const idleFor = async (claims: SessionClaims, minutes: number) =>
    db
      .update(dashboardSessions)
      .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})` })
      .where(and(eq(dashboardSessions.tenantId, claims.tenantId), eq(dashboardSessions.id, claims.sessionId)))

  it('ends an Admin’s or Supervisor’s session after 30 idle minutes, not before', async () => {
    for (const role of ['Admin', 'Supervisor'] as const) {
      const { claims } = await signedIn({ role })
      await idleFor(claims, 29)
      expect((await loadSessionUser(db, claims)).ok).toBe(true)
      await idleFor(claims, 31)
      expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: 'idle' })
      expect((await sessionRow(claims)).endReason).toBe('idle')
    }
  })

  it('leaves an Agent signed in for the whole shift (a long call is not idleness)', async () => {
    const { claims } = await signedIn({ role: 'Agent' })
    await idleFor(claims, 11 * 60)
    expect((await loadSessionUser(db, claims)).ok).toBe(true)
  })

  it('follows SESSION_IDLE_MINUTES', async () => {
    const before = process.env.SESSION_IDLE_MINUTES
    process.env.SESSION_IDLE_MINUTES = '5'
    try {
      const { claims } = await signedIn({ role: 'Admin' })
      await idleFor(claims, 6)
      expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: 'idle' })
    } finally {
      if (before === undefined) delete process.env.SESSION_IDLE_MINUTES
      else process.env.SESSION_IDLE_MINUTES = before
    }
  })
})

describe('a check that must not count as activity', () => {
  it('touch: false re-checks the session without moving its last activity (the live board’s stream: it must not keep an idle admin signed in)', async () => {
    const { claims } = await signedIn({ role: 'Admin' })
    const old = new Date(Date.now() - 10 * 60_000)
    await db.update(dashboardSessions).set({ lastSeenAt: old }).where(eq(dashboardSessions.id, claims.sessionId))
    expect((await loadSessionUser(db, claims, { touch: false })).ok).toBe(true)
    const [row] = await db
      .select({ at: dashboardSessions.lastSeenAt })
      .from(dashboardSessions)
      .where(eq(dashboardSessions.id, claims.sessionId))
    expect(row!.at.getTime()).toBe(old.getTime())
    // A request does count.
    await loadSessionUser(db, claims)
    const [after] = await db
      .select({ at: dashboardSessions.lastSeenAt })
      .from(dashboardSessions)
      .where(eq(dashboardSessions.id, claims.sessionId))
    expect(after!.at.getTime()).toBeGreaterThan(old.getTime())
  })
})
