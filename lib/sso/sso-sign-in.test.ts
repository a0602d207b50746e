import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, loginEvents, ssoConnections, ssoSignIns, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '@/testing/oidc-provider'
import { effectivePermissions } from '@/lib/auth/permissions'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { ssoRedirectUrl, ssoTestResultOf } from './list-sso-settings'
import { removeSso, saveSsoSettings, NEEDS_BREAK_GLASS } from './manage-sso-settings'
import { finishSsoSignIn, startSsoSignIn, type FinishResult } from './sso-sign-in'

const client = { ip: '198.51.100.20', userAgent: 'vitest' }
let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let idp: TestOidcProvider

const settings = (over: Record<string, unknown> = {}) => ({
  issuerUrl: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  displayName: 'Test IdP',
  ...over,
})

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'sso')
  other = await createTestWorkspace(db, 'sso-other')
  idp = await startOidcProvider({ redirectUris: [ssoRedirectUrl(ws.slug), ssoRedirectUrl(other.slug)] })
  const saved = await saveSsoSettings(db, actorOf(ws), settings())
  expect(saved).toMatchObject({ ok: true })
})
afterAll(async () => {
  await idp.close()
})

/** Starts a sign-in, signs in at the provider as `login`, and returns the callback URL and the browser's cookie token. */
async function throughProvider(login: string, slug = ws.slug) {
  const started = await startSsoSignIn(db, slug, { purpose: 'sign_in', returnPath: '/users' })
  if (!started.ok) throw new Error(started.failure)
  return { callback: await signInAtProvider(started.redirectTo, login), cookieToken: started.cookieToken }
}
const finish = (flow: { callback: URL; cookieToken: string | null }, slug = ws.slug) =>
  finishSsoSignIn(db, slug, flow.cookieToken, flow.callback, client)
const failureOf = (r: FinishResult) => (r.kind === 'refused' ? r.failure : r.kind)

describe('single sign-on (OpenID Connect against oidc-provider)', () => {
  it('signs in a live user by their verified email: a dashboard session, a login event that says SSO, the return path', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const result = await finish(await throughProvider(user.email.toLowerCase()))
    expect(result.kind).toBe('signed_in')
    if (result.kind !== 'signed_in') return
    expect(result.returnPath).toBe('/users')
    expect(result.signedIn).toMatchObject({ ok: true, userId: user.id, tenantId: ws.tenantId })
    const [session] = await db.select().from(dashboardSessions).where(eq(dashboardSessions.id, result.signedIn.sessionId))
    expect(session).toMatchObject({ userId: user.id, endedAt: null })
    const events = await db
      .select()
      .from(loginEvents)
      .where(and(eq(loginEvents.tenantId, ws.tenantId), eq(loginEvents.userId, user.id)))
    expect(events.map((e) => [e.outcome, e.factor])).toEqual([['success', 'sso']])
  })

  it('refuses the same callback twice (a replay): the flow is used once', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const flow = await throughProvider(user.email)
    expect((await finish(flow)).kind).toBe('signed_in')
    expect(failureOf(await finish(flow))).toBe('expired')
  })

  it('refuses a replayed code in a new flow: the provider refuses it (invalid_grant)', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const first = await throughProvider(user.email)
    expect((await finish(first)).kind).toBe('signed_in')
    const second = await startSsoSignIn(db, ws.slug, { purpose: 'sign_in', returnPath: null })
    if (!second.ok) throw new Error(second.failure)
    const replay = new URL(first.callback)
    replay.searchParams.set('state', new URL(second.redirectTo).searchParams.get('state')!)
    expect(failureOf(await finish({ callback: replay, cookieToken: second.cookieToken }))).toBe('code')
  })

  it('refuses a callback whose state is not the one this browser started, and one without the browser’s cookie', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const flow = await throughProvider(user.email)
    const forged = new URL(flow.callback)
    forged.searchParams.set('state', 'not-the-state')
    expect(failureOf(await finish({ callback: forged, cookieToken: flow.cookieToken }))).toBe('state')
    const another = await throughProvider(user.email)
    expect(failureOf(await finish({ callback: another.callback, cookieToken: null }))).toBe('expired')
    expect(failureOf(await finish({ callback: another.callback, cookieToken: 'forged-token' }))).toBe('expired')
  })

  it('refuses an unverified email, and names nobody', async () => {
    const user = await createTestUser(db, ws.tenantId)
    idp.accounts.set('unverified-login', { email: user.email, emailVerified: false })
    expect(failureOf(await finish(await throughProvider('unverified-login')))).toBe('unverified')
    const events = await db
      .select()
      .from(loginEvents)
      .where(and(eq(loginEvents.tenantId, ws.tenantId), eq(loginEvents.userId, user.id)))
    expect(events.map((e) => [e.outcome, e.factor])).toEqual([['invalid_credentials', 'sso']])
  })

  it('refuses a user of another workspace (their email matches nobody here), and an inactive user', async () => {
    const theirs = await createTestUser(db, other.tenantId)
    expect(failureOf(await finish(await throughProvider(theirs.email)))).toBe('no_user')
    const inactive = await createTestUser(db, ws.tenantId, { status: 'inactive' })
    expect(failureOf(await finish(await throughProvider(inactive.email)))).toBe('inactive')
    // The other workspace has no single sign-on: its sign-in can't be started, nor finished with our flow.
    expect(await startSsoSignIn(db, other.slug, { purpose: 'sign_in', returnPath: null })).toEqual({ ok: false, failure: 'not_configured' })
    const ours = await throughProvider(theirs.email)
    expect(failureOf(await finish(ours, other.slug))).toBe('not_configured')
  })

  it('refuses a provider whose discovery names another issuer (a wrong issuer URL)', async () => {
    const real = await fetch(`${idp.issuer}/.well-known/openid-configuration`).then((r) => r.text())
    const impostor = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(real))
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
    try {
      const wrong = await createTestWorkspace(db, 'sso-wrong')
      const url = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`
      expect(await saveSsoSettings(db, actorOf(wrong), settings({ issuerUrl: url }))).toMatchObject({ ok: true })
      expect(await startSsoSignIn(db, wrong.slug, { purpose: 'sign_in', returnPath: null })).toEqual({ ok: false, failure: 'unreachable' })
    } finally {
      impostor.close()
    }
  })

  it('creates an Agent at first sign-in when the workspace says so, audited as SSO', async () => {
    const fresh = await createTestWorkspace(db, 'sso-create')
    const provider = await startOidcProvider({ redirectUris: [ssoRedirectUrl(fresh.slug)] })
    try {
      await saveSsoSettings(db, actorOf(fresh), {
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        displayName: 'P',
      })
      provider.accounts.set('newbie', { email: 'Newbie.Person@Example.test', name: 'Newbie Person' })
      const start = () => startSsoSignIn(db, fresh.slug, { purpose: 'sign_in', returnPath: null })
      const go = async () => {
        const s = await start()
        if (!s.ok) throw new Error(s.failure)
        return finishSsoSignIn(db, fresh.slug, s.cookieToken, await signInAtProvider(s.redirectTo, 'newbie'), client)
      }
      expect(failureOf(await go())).toBe('no_user')
      await saveSsoSettings(db, actorOf(fresh), {
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        displayName: 'P',
        createUsers: 'on',
      })
      expect((await go()).kind).toBe('signed_in')
      const [made] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, fresh.tenantId), eq(users.email, 'Newbie.Person@Example.test')))
      expect(made).toMatchObject({
        fullName: 'Newbie Person',
        username: 'newbie.person',
        role: 'Agent',
        status: 'active',
        passwordHash: null,
      })
      const [audit] = await db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, fresh.tenantId), eq(auditEntries.action, 'user.create'), eq(auditEntries.entityId, made!.id)))
      expect(audit).toMatchObject({ actorLabel: 'SSO', actorUserId: null })
      // The second sign-in finds the same user.
      expect((await go()).kind).toBe('signed_in')
      expect(await db.select().from(users).where(eq(users.tenantId, fresh.tenantId))).toHaveLength(2)
    } finally {
      await provider.close()
    }
  })

  it('Test sign-in reports what came back to the admin who started it, and signs nobody in', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const started = await startSsoSignIn(db, ws.slug, { purpose: 'test', requestedBy: { tenantId: ws.tenantId, userId: ws.admin.id } })
    if (!started.ok) throw new Error(started.failure)
    const result = await finishSsoSignIn(db, ws.slug, started.cookieToken, await signInAtProvider(started.redirectTo, user.email), client)
    expect(result.kind).toBe('tested')
    if (result.kind !== 'tested') return
    expect(await ssoTestResultOf(db, ws.tenantId, result.id, ws.admin.id)).toMatchObject({
      ok: true,
      email: user.email,
      emailVerified: true,
    })
    expect(await ssoTestResultOf(db, ws.tenantId, result.id, user.id)).toBeNull()
    expect(await ssoTestResultOf(db, other.tenantId, result.id, ws.admin.id)).toBeNull()
    expect(await db.select().from(dashboardSessions).where(eq(dashboardSessions.userId, user.id))).toHaveLength(0)
    // Another workspace's admin can't test ours.
    expect(
      await startSsoSignIn(db, ws.slug, { purpose: 'test', requestedBy: { tenantId: other.tenantId, userId: other.admin.id } }),
    ).toEqual({
      ok: false,
      failure: 'not_configured',
    })
  })
})

describe('Settings › Single sign-on', () => {
  it('refuses bad input: plain http and private addresses not allowed by the operator, a missing secret, empty fields', async () => {
    const fresh = await createTestWorkspace(db, 'sso-bad')
    const admin = actorOf(fresh)
    const refused = async (input: Record<string, unknown>) => {
      const result = await saveSsoSettings(db, admin, input)
      expect(result.ok).toBe(false)
      return result.ok ? {} : result.fieldErrors
    }
    expect(await refused(settings({ issuerUrl: 'http://idp.example.com' }))).toEqual({
      issuerUrl: 'Use https://: plain http is only for hosts the operator allows.',
    })
    expect((await refused(settings({ issuerUrl: 'https://10.0.0.1' }))).issuerUrl).toMatch(/private network/)
    expect((await refused(settings({ issuerUrl: 'https://169.254.169.254/' }))).issuerUrl).toMatch(/private network/)
    expect((await refused(settings({ issuerUrl: 'ftp://idp.example.com' }))).issuerUrl).toMatch(/https/)
    expect((await refused(settings({ issuerUrl: 'not a url' }))).issuerUrl).toMatch(/full URL/)
    expect(await refused(settings({ clientSecret: '' }))).toEqual({ clientSecret: 'Enter the client secret.' })
    expect(Object.keys(await refused({ issuerUrl: '', clientId: '', displayName: '\u0000' })).sort()).toEqual([
      'clientId',
      'displayName',
      'issuerUrl',
    ])
    expect(await db.select().from(ssoConnections).where(eq(ssoConnections.tenantId, fresh.tenantId))).toHaveLength(0)
  })

  it('is for settings.manage only, and each workspace changes only its own', async () => {
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
    const asSupervisor = { userId: supervisor.id, tenantId: ws.tenantId, label: 's', permissions: effectivePermissions('Supervisor', null) }
    expect(await saveSsoSettings(db, asSupervisor, settings({ displayName: 'Hacked' }))).toMatchObject({ ok: false, reason: 'forbidden' })
    expect(await removeSso(db, asSupervisor)).toMatchObject({ ok: false, reason: 'forbidden' })
    const [ours] = await db.select().from(ssoConnections).where(eq(ssoConnections.tenantId, ws.tenantId))
    expect(ours!.displayName).toBe('Test IdP')
    // Another workspace's admin saving theirs leaves ours as it was, and can't mark our admins break-glass.
    const theirs = await saveSsoSettings(db, actorOf(other), settings({ displayName: 'Theirs', breakGlass: [ws.admin.id] }))
    expect(theirs).toMatchObject({ ok: false, fieldErrors: { breakGlass: 'Choose admins from the list.' } })
    const [after] = await db.select({ breakGlass: users.breakGlass }).from(users).where(eq(users.id, ws.admin.id))
    expect(after!.breakGlass).toBe(false)
  })
})

describe('Require single sign-on', () => {
  it('needs a break-glass admin; then passwords work only for them, and the last one can’t be taken away', async () => {
    const w = await createTestWorkspace(db, 'sso-req')
    const admin = actorOf(w)
    const base = { issuerUrl: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, displayName: 'IdP' }
    expect(await saveSsoSettings(db, admin, { ...base, requireSso: 'on' })).toMatchObject({
      ok: false,
      fieldErrors: { requireSso: NEEDS_BREAK_GLASS },
    })
    const second = await createTestUser(db, w.tenantId, { role: 'Admin' })
    const agent = await createTestUser(db, w.tenantId)
    expect(await saveSsoSettings(db, admin, { ...base, requireSso: 'on', breakGlass: [second.id] })).toMatchObject({ ok: true })

    const signIn = (u: { username: string; password: string }) =>
      verifyCredentials(db, { workspace: w.slug, identifier: u.username, password: u.password }, client)
    expect(await signIn(agent)).toEqual({ ok: false, reason: 'sso_required' })
    expect(await signIn(w.admin)).toEqual({ ok: false, reason: 'sso_required' })
    expect(await signIn(second)).toMatchObject({ ok: true })
    // A wrong password is still just wrong.
    expect(await signIn({ ...agent, password: 'wrong-password-123' })).toEqual({ ok: false, reason: 'invalid' })
    const outcomes = await db
      .select({ outcome: loginEvents.outcome })
      .from(loginEvents)
      .where(and(eq(loginEvents.tenantId, w.tenantId), eq(loginEvents.userId, agent.id)))
    expect(outcomes.map((o) => o.outcome)).toEqual(['sso_required', 'invalid_credentials'])

    // The last break-glass admin: not deactivated, not un-marked while required.
    const deactivate = await runBulkAction(db, admin, { action: 'deactivate', ids: [second.id] })
    expect(deactivate).toMatchObject({ ok: false, formError: expect.stringContaining('break-glass') })
    expect(await saveSsoSettings(db, admin, { ...base, requireSso: 'on', breakGlass: [] })).toMatchObject({
      ok: false,
      fieldErrors: { requireSso: NEEDS_BREAK_GLASS },
    })
    const [row] = await db.select({ status: users.status, breakGlass: users.breakGlass }).from(users).where(eq(users.id, second.id))
    expect(row).toEqual({ status: 'active', breakGlass: true })
    // Another break-glass admin: now the first may go.
    expect(await saveSsoSettings(db, admin, { ...base, requireSso: 'on', breakGlass: [second.id, w.admin.id] })).toMatchObject({ ok: true })
    expect(await runBulkAction(db, admin, { action: 'deactivate', ids: [second.id] })).toMatchObject({ ok: true })
  })

  it('a narrowed admin can’t change a full admin’s break-glass mark', async () => {
    const w = await createTestWorkspace(db, 'sso-narrow')
    const full = await createTestUser(db, w.tenantId, { role: 'Admin' })
    const narrowedActor = { ...actorOf(w), permissions: effectivePermissions('Admin', ['settings.manage', 'users.read']) }
    const result = await saveSsoSettings(db, narrowedActor, {
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      displayName: 'IdP',
      breakGlass: [full.id],
    })
    expect(result).toMatchObject({ ok: false, fieldErrors: { breakGlass: expect.stringContaining('permissions you don’t have') } })
    expect(await db.select().from(ssoSignIns).where(eq(ssoSignIns.tenantId, w.tenantId))).toHaveLength(0)
  })
})
