import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { dashboardSessions, extensions, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, setUserStatus, type TestWorkspace } from '@/testing/fixtures'
import { eligibilityEndpoint } from '@/lib/api/endpoints'
import { apiTokenOf, callApi, expectAnswer, expectError } from '@/testing/api'
import { endDashboardSession } from '@/lib/auth/session-user'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { effectivePermissions } from '@/lib/auth/permissions'
import { GET as eligibility } from './[id]/eligibility/route'

let db: Db
let ws: TestWorkspace
let token: string
let counter = 6000 + Math.floor(Math.random() * 1000)

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'elig')
  token = await apiTokenOf(db, ws, ws.admin.id)
})

const ask = (number: string, t = token) =>
  callApi(eligibility, 'GET', `/api/v1/extensions/${number}/eligibility`, { token: t, params: { id: number } })

/** A user holding a new extension, with force login as given. */
async function holder(forceLogin: boolean) {
  const number = String(++counter)
  const [ext] = await db.insert(extensions).values({ tenantId: ws.tenantId, number }).returning()
  const user = await createTestUser(db, ws.tenantId)
  await db.update(users).set({ extensionId: ext!.id, forceLogin }).where(eq(users.id, user.id))
  return { number, user }
}
const signIn = async (u: { username: string; password: string }) => {
  const result = await verifyCredentials(
    db,
    { workspace: ws.slug, identifier: u.username, password: u.password },
    { ip: null, userAgent: 'test' },
  )
  if (!result.ok) throw new Error('sign-in')
  return result
}

describe('GET /api/v1/extensions/{number}/eligibility', () => {
  it('allows an active user without force login, in the documented shape', async () => {
    const { number } = await holder(false)
    const answer = await ask(number)
    expectAnswer(answer, 200, eligibilityEndpoint.success.schema)
    expect(answer.body).toEqual({ allowed: true, reason: 'ok', extension: number, forceLogin: false })
  })

  it('a force-login user flips to allowed on sign-in, and back on sign-out', async () => {
    const { number, user } = await holder(true)
    expect((await ask(number)).body).toMatchObject({ allowed: false, reason: 'not_signed_in', forceLogin: true })
    const session = await signIn(user)
    expect((await ask(number)).body).toMatchObject({ allowed: true, reason: 'ok' })
    await endDashboardSession(db, session, 'signed_out')
    expect((await ask(number)).body).toMatchObject({ allowed: false, reason: 'not_signed_in' })
  })

  it('…and back when the session expires', async () => {
    const { number, user } = await holder(true)
    const session = await signIn(user)
    expect((await ask(number)).body.allowed).toBe(true)
    await db
      .update(dashboardSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(dashboardSessions.id, session.sessionId))
    expect((await ask(number)).body).toMatchObject({ allowed: false, reason: 'not_signed_in' })
  })

  it('an agent idle for hours still counts as signed in (a long call); a supervisor idle past the timeout does not', async () => {
    const agent = await holder(true)
    const agentSession = await signIn(agent.user)
    await db
      .update(dashboardSessions)
      .set({ lastSeenAt: new Date(Date.now() - 3 * 3600_000) })
      .where(eq(dashboardSessions.id, agentSession.sessionId))
    expect((await ask(agent.number)).body).toMatchObject({ allowed: true, reason: 'ok' })
    const supervisor = await holder(true)
    await db.update(users).set({ role: 'Supervisor' }).where(eq(users.id, supervisor.user.id))
    const supervisorSession = await signIn(supervisor.user)
    expect((await ask(supervisor.number)).body).toMatchObject({ allowed: true })
    await db
      .update(dashboardSessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(dashboardSessions.id, supervisorSession.sessionId))
    expect((await ask(supervisor.number)).body).toMatchObject({ allowed: false, reason: 'not_signed_in' })
  })

  it('refuses a free extension, an inactive user and a deleted user, each with its reason', async () => {
    const number = String(++counter)
    await db.insert(extensions).values({ tenantId: ws.tenantId, number })
    expect((await ask(number)).body).toMatchObject({ allowed: false, reason: 'no_user' })

    const inactive = await holder(false)
    await setUserStatus(db, ws.tenantId, inactive.user.id, 'inactive')
    expect((await ask(inactive.number)).body).toMatchObject({ allowed: false, reason: 'user_inactive' })

    // A signed-in force-login user who is then deleted: the delete frees the extension and ends the session.
    const deleted = await holder(true)
    await signIn(deleted.user)
    const done = await runBulkAction(
      db,
      { userId: ws.admin.id, tenantId: ws.tenantId, label: 'test', permissions: effectivePermissions('Admin', null) },
      { action: 'delete', ids: [deleted.user.id] },
    )
    expect(done.ok).toBe(true)
    expect((await ask(deleted.number)).body).toMatchObject({ allowed: false, reason: 'user_deleted' })
  })

  it('answers 404 for a number this workspace doesn’t have (another workspace’s included) and 403 without users.read', async () => {
    const other = await createTestWorkspace(db, 'elig-other')
    const theirs = String(++counter)
    await db.insert(extensions).values({ tenantId: other.tenantId, number: theirs })
    expectError(await ask(theirs), 404, 'not_found')
    expectError(await ask('not-a-number'), 404, 'not_found')
    const agent = await createTestUser(db, ws.tenantId, { role: 'Agent' })
    expectError(await ask(theirs, await apiTokenOf(db, ws, agent.id)), 403, 'forbidden')
  })
})
