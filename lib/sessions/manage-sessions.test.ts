import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { wholeWorkspace } from '@/lib/auth/scope'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, extensions, groups, profiles, userGroups, users } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { openDashboardSession } from '@/lib/auth/session-user'
import { callEligibility } from '@/lib/extensions/call-eligibility'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { listLiveSessions } from './list-sessions'
import { signedInBoard } from './list-signed-in'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { signOutSessions } from './manage-sessions'
import { onSessionsChanged } from './session-events'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0'
const actorOf = (ws: TestWorkspace, permissions = effectivePermissions('Admin', null), userId = ws.admin.id): Actor => ({
  userId,
  tenantId: ws.tenantId,
  label: 'tester',
  permissions,
})
const open = (ws: TestWorkspace, userId: string, userAgent = FIREFOX) =>
  openDashboardSession(db, { tenantId: ws.tenantId, userId, ip: '203.0.113.9', userAgent })

describe('sessions', () => {
  it('lists a user’s live sessions with device and address; signing one out, then everywhere, flips eligibility at once, audited', async () => {
    const ws = await createTestWorkspace(db, 'sess')
    const agent = await createTestUser(db, ws.tenantId)
    const [ext] = await db.insert(extensions).values({ tenantId: ws.tenantId, number: '4411' }).returning()
    await db.update(users).set({ extensionId: ext!.id, forceLogin: true }).where(eq(users.id, agent.id))
    const first = await open(ws, agent.id)
    const second = await open(
      ws,
      agent.id,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    )
    const ended = await open(ws, agent.id)
    await db.update(dashboardSessions).set({ endedAt: new Date() }).where(eq(dashboardSessions.id, ended))

    const live = await listLiveSessions(db, wholeWorkspace(ws.tenantId), agent.id)
    expect(live.map((s) => s.id).sort()).toEqual([first, second].sort())
    expect(live.find((s) => s.id === first)).toMatchObject({ device: 'Firefox 133 on macOS', ip: '203.0.113.9' })
    expect((await callEligibility(db, wholeWorkspace(ws.tenantId), '4411'))!.reason).toBe('ok')
    // The users list: Signed in now / Not signed in, and since when.
    const listed = async (signedIn: string) =>
      (await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ signedIn }))).rows.map((r) => [
        r.id,
        r.signedInSince !== null,
      ])
    expect(await listed('now')).toEqual([[agent.id, true]])
    expect(await listed('not')).toEqual([[ws.admin.id, false]])

    expect(await signOutSessions(db, actorOf(ws), { userId: agent.id, sessionId: first })).toMatchObject({ ok: true, ended: 1 })
    expect((await listLiveSessions(db, wholeWorkspace(ws.tenantId), agent.id)).map((s) => s.id)).toEqual([second])
    expect(await signOutSessions(db, actorOf(ws), { userId: agent.id, sessionId: first })).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await signOutSessions(db, actorOf(ws), { userId: agent.id })).toMatchObject({ ok: true, ended: 1 })
    expect(await callEligibility(db, wholeWorkspace(ws.tenantId), '4411')).toMatchObject({ allowed: false, reason: 'not_signed_in' })
    const audits = await db
      .select({ after: auditEntries.after })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.sign_out'), eq(auditEntries.entityId, agent.id)))
    expect(audits.map((a) => a.after)).toEqual(expect.arrayContaining([{ sessionId: first }, { sessions: 1, everywhere: true }]))
  })

  it('one’s own sessions are anyone’s to end; another’s need users.update and no more rights; other workspaces and bad ids are not found', async () => {
    const ws = await createTestWorkspace(db, 'sess')
    const other = await createTestWorkspace(db, 'sess')
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
    const agent = await createTestUser(db, ws.tenantId)
    const fullAdmin = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const [narrow] = await db
      .insert(profiles)
      .values({ tenantId: ws.tenantId, role: 'Admin', name: 'Narrow', permissions: ['users.read', 'users.update'] })
      .returning()
    const narrowed = await createTestUser(db, ws.tenantId, { role: 'Admin', profileId: narrow!.id })
    const supSession = await open(ws, supervisor.id)
    const agentSession = await open(ws, agent.id)
    const adminSession = await open(ws, fullAdmin.id)
    const supActor = actorOf(ws, effectivePermissions('Supervisor', null), supervisor.id)

    expect(await signOutSessions(db, supActor, { userId: agent.id })).toMatchObject({ ok: false, reason: 'forbidden' })
    const narrowActor = actorOf(ws, effectivePermissions('Admin', ['users.read', 'users.update']), narrowed.id)
    expect(await signOutSessions(db, narrowActor, { userId: fullAdmin.id })).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await signOutSessions(db, actorOf(other), { userId: agent.id })).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await signOutSessions(db, actorOf(other), { userId: agent.id, sessionId: agentSession })).toMatchObject({ reason: 'not_found' })
    // A session id of someone else, with a user id the actor may act on: nothing of the other user ends.
    expect(await signOutSessions(db, actorOf(ws), { userId: agent.id, sessionId: adminSession })).toMatchObject({ reason: 'not_found' })
    for (const bad of ['nope', 42, null, "'; DROP TABLE users;--"]) {
      expect(await signOutSessions(db, actorOf(ws), { userId: bad })).toMatchObject({ ok: false, reason: 'not_found' })
    }
    const live = async (id: string) => (await listLiveSessions(db, wholeWorkspace(ws.tenantId), id)).length
    expect([await live(agent.id), await live(fullAdmin.id)]).toEqual([1, 1])
    expect(await listLiveSessions(db, wholeWorkspace(other.tenantId), agent.id)).toEqual([])

    expect(await signOutSessions(db, { ...supActor, sessionId: supSession }, { userId: supervisor.id })).toMatchObject({
      ok: true,
      ended: 1,
      signedOutSelf: true,
    })
  })

  it('presence is honest: a session idle past the timeout (admins, supervisors) or past its expiry is signed in nowhere; the board counts by role and group', async () => {
    const ws = await createTestWorkspace(db, 'sess')
    const [team] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Tier 1' }).returning()
    const agent = await createTestUser(db, ws.tenantId, { fullName: 'Agent Long Call' })
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor', fullName: 'Sup Idle' })
    const expired = await createTestUser(db, ws.tenantId, { fullName: 'Agent Expired' })
    await db.insert(userGroups).values({ tenantId: ws.tenantId, userId: agent.id, groupId: team!.id })
    const longAgo = new Date(Date.now() - 3 * 3_600_000)
    // Agents are exempt from the idle timeout (a long call); a supervisor idle 3 hours is not signed in; an expired session isn't either.
    for (const [userId, patch] of [
      [agent.id, { lastSeenAt: longAgo }],
      [supervisor.id, { lastSeenAt: longAgo }],
      [expired.id, { expiresAt: new Date(Date.now() - 1000) }],
    ] as const) {
      const id = await open(ws, userId)
      await db.update(dashboardSessions).set(patch).where(eq(dashboardSessions.id, id))
    }
    expect((await listLiveSessions(db, wholeWorkspace(ws.tenantId), supervisor.id)).length).toBe(0)
    expect((await listLiveSessions(db, wholeWorkspace(ws.tenantId), expired.id)).length).toBe(0)
    const signedIn = (await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ signedIn: 'now' }))).rows.map(
      (r) => r.fullName,
    )
    expect(signedIn).toEqual(['Agent Long Call'])
    const board = await signedInBoard(db, wholeWorkspace(ws.tenantId))
    expect(board).toMatchObject({ total: 1, forceLogin: 0, byRole: { Admin: 0, Supervisor: 0, Agent: 1 } })
    expect(board.byGroup).toEqual([
      { id: team!.id, name: 'Tier 1', signedIn: 1, forceLogin: 0 },
      { id: null, name: 'No group', signedIn: 0, forceLogin: 0 },
    ])
    expect(board.people.map((p) => [p.fullName, p.groups])).toEqual([['Agent Long Call', ['Tier 1']]])
    // Another workspace's board is empty of ours.
    expect((await signedInBoard(db, wholeWorkspace((await createTestWorkspace(db, 'sess')).tenantId))).total).toBe(0)
  })

  it('tells listeners of the workspace when a session opens or ends (not when it is only touched)', async () => {
    const ws = await createTestWorkspace(db, 'sess')
    const other = await createTestWorkspace(db, 'sess')
    const seen: string[] = []
    const stop = await onSessionsChanged(ws.tenantId, () => seen.push('ws'))
    const stopOther = await onSessionsChanged(other.tenantId, () => seen.push('other'))
    try {
      const id = await open(ws, ws.admin.id)
      await vi.waitFor(() => expect(seen).toEqual(['ws']))
      await db.update(dashboardSessions).set({ lastSeenAt: new Date() }).where(eq(dashboardSessions.id, id))
      await signOutSessions(db, actorOf(ws), { userId: ws.admin.id })
      await vi.waitFor(() => expect(seen).toEqual(['ws', 'ws']))
    } finally {
      stop()
      stopOther()
    }
  })
})
