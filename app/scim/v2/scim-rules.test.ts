/**
 * SCIM's rules beyond the happy paths: the token, workspaces invisible to each
 * other, Admins out of the provider's reach unless allowed, the kill switch of
 * a deactivation, ETags, filters and bad input answered in SCIM's Error shape
 * (4xx, never a 500, nothing half-written).
 */
import { and, eq } from 'drizzle-orm'
import { wholeWorkspace } from '@/lib/auth/scope'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { extensions, groups, scimTokens, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { expectList, expectResource, expectScimError, scimClient, scimTokenOf } from '@/testing/scim'
import { apiTokenOf } from '@/testing/api'
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token'
import { takeRateLimit } from '@/lib/api/rate-limit'
import { loadSessionUser } from '@/lib/auth/session-user'
import { effectivePermissions } from '@/lib/auth/permissions'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { callEligibility } from '@/lib/extensions/call-eligibility'
import { generateScimToken, revokeScimToken, updateScimSettings } from '@/lib/scim/scim-tokens'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let scim: ReturnType<typeof scimClient>
let theirs: ReturnType<typeof scimClient>

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const deactivate = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }
/** A workspace's groups of one name (only its own: other test files share the database and reuse names). */
const groupsNamed = (workspace: TestWorkspace, name: string) =>
  db
    .select()
    .from(groups)
    .where(and(eq(groups.tenantId, workspace.tenantId), eq(groups.name, name)))
const newUser = (over: Record<string, unknown> = {}) => {
  const name = `rule.${Math.random().toString(36).slice(2, 8)}`
  return { userName: name, name: { formatted: 'Rule Person' }, emails: [{ value: `${name}@example.test` }], ...over }
}

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'scim-rules')
  other = await createTestWorkspace(db, 'scim-other')
  scim = scimClient(await scimTokenOf(db, ws))
  theirs = scimClient(await scimTokenOf(db, other))
})

describe('the token', () => {
  it('is required, checked and revocable: 401 in the SCIM shape otherwise', async () => {
    expectScimError(await scimClient(null)('GET', '/scim/v2/Users'), 401)
    expectScimError(await scimClient('scim_' + 'x'.repeat(43))('GET', '/scim/v2/Users'), 401)
    // An API token is not a SCIM token.
    expectScimError(await scimClient(await apiTokenOf(db, ws, ws.admin.id))('GET', '/scim/v2/Users'), 401)
    const token = await scimTokenOf(db, ws)
    const [row] = await db
      .select()
      .from(scimTokens)
      .where(eq(scimTokens.tokenHash, (await import('node:crypto')).createHash('sha256').update(token).digest('hex')))
    expect((await scimClient(token)('GET', '/scim/v2/ServiceProviderConfig')).status).toBe(200)
    expect(await revokeScimToken(db, actorOf(ws), { id: row!.id })).toMatchObject({ ok: true })
    expectScimError(await scimClient(token)('GET', '/scim/v2/ServiceProviderConfig'), 401)
    // Another workspace's admin can't revoke ours.
    const mine = await scimTokenOf(db, ws)
    const [mineRow] = await db
      .select()
      .from(scimTokens)
      .where(and(eq(scimTokens.tenantId, ws.tenantId), eq(scimTokens.prefix, mine.slice(0, 10))))
    expect(await revokeScimToken(db, actorOf(other), { id: mineRow!.id })).toMatchObject({ ok: false, reason: 'not_found' })
    expect((await scimClient(mine)('GET', '/scim/v2/Users?count=1')).status).toBe(200)
  })

  it('is handed out only by someone holding every permission it carries', async () => {
    const narrowed = {
      ...actorOf(ws),
      permissions: effectivePermissions('Admin', ['settings.manage', 'users.read', 'users.create', 'users.update']),
    }
    expect(await generateScimToken(db, narrowed, { name: 'x' })).toMatchObject({
      ok: false,
      reason: 'forbidden',
      formError: expect.stringContaining('users.delete'),
    })
    const supervisor = { ...actorOf(ws), permissions: effectivePermissions('Supervisor', null) }
    expect(await generateScimToken(db, supervisor, { name: 'x' })).toMatchObject({ ok: false, reason: 'forbidden' })
    expect(await generateScimToken(db, actorOf(ws), { name: '' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { name: expect.any(String) },
    })
    expect(await updateScimSettings(db, narrowed, { managesAdmins: 'on' })).toMatchObject({ ok: false, reason: 'forbidden' })
  })

  it('is rate limited per minute, counted in the database', async () => {
    const token = await scimTokenOf(db, ws)
    const [row] = await db
      .select()
      .from(scimTokens)
      .where(and(eq(scimTokens.tenantId, ws.tenantId), eq(scimTokens.prefix, token.slice(0, 10))))
    const take = () => takeRateLimit(db, { tenantId: ws.tenantId, tokenId: row!.id }, 2, scimTokens)
    expect((await take()).ok).toBe(true)
    expect((await take()).ok).toBe(true)
    expect(await take()).toMatchObject({ ok: false, retryAfter: expect.any(Number) })
  })
})

describe('workspaces', () => {
  it('are invisible to each other: another workspace’s ids are 404 for every method, and its users never match a filter', async () => {
    const user = expectResource(await scim('POST', '/scim/v2/Users', newUser()), 201, 'User')
    const group = expectResource(
      await scim('POST', '/scim/v2/Groups', { displayName: `G ${Math.random()}`, members: [{ value: user.id }] }),
      201,
      'Group',
    )
    for (const [method, body] of [['GET'], ['PUT', newUser()], ['PATCH', deactivate], ['DELETE']] as const) {
      expectScimError(await theirs(method, `/scim/v2/Users/${user.id}`, body), 404)
      expectScimError(await theirs(method, `/scim/v2/Groups/${group.id}`, method === 'PUT' ? { displayName: 'x' } : body), 404)
    }
    expectList(await theirs('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`), 0)
    expectList(await theirs('GET', `/scim/v2/Users?filter=${encodeURIComponent(`id eq "${user.id}"`)}`), 0)
    expectList(await theirs('GET', `/scim/v2/Groups?filter=${encodeURIComponent(`members[value eq "${user.id}"]`)}`), 0)
    // Their group can't take our user.
    expectScimError(await theirs('POST', '/scim/v2/Groups', { displayName: 'Theirs', members: [{ value: user.id }] }), 400, 'invalidValue')
    // Nothing of ours changed.
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ status: 'active', deletedAt: null, version: 1 })
    expect(await groupsNamed(other, 'Theirs')).toEqual([])
  })
})

describe('deactivation by SCIM (the kill switch)', () => {
  it('ends the user’s open session, stops their API token, and eligibility says user_inactive on the next call', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const [ext] = await db
      .insert(extensions)
      .values({ tenantId: ws.tenantId, number: String(7000 + Math.floor(Math.random() * 2000)) })
      .returning()
    await db.update(users).set({ extensionId: ext!.id, forceLogin: true }).where(eq(users.id, user.id))
    const session = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: user.username, password: user.password },
      { ip: null, userAgent: 'test' },
    )
    if (!session.ok) throw new Error('sign-in')
    const token = await apiTokenOf(db, ws, user.id)
    expect(await callEligibility(db, wholeWorkspace(ws.tenantId), ext!.number)).toMatchObject({ allowed: true, reason: 'ok' })
    expect(await authenticateApiToken(db, `Bearer ${token}`)).not.toBeNull()

    expect(expectResource(await scim('PATCH', `/scim/v2/Users/${user.id}`, deactivate), 200, 'User').active).toBe(false)

    expect(await loadSessionUser(db, session)).toEqual({ ok: false, reason: 'inactive' })
    expect(await authenticateApiToken(db, `Bearer ${token}`)).toBeNull()
    expect(await callEligibility(db, wholeWorkspace(ws.tenantId), ext!.number)).toMatchObject({ allowed: false, reason: 'user_inactive' })
  })
})

describe('Admins', () => {
  it('are out of the provider’s reach (403) unless the workspace allows it, and the last admin stays', async () => {
    const admin = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const read = expectResource(await scim('GET', `/scim/v2/Users/${admin.id}`), 200, 'User')
    expectScimError(await scim('PATCH', `/scim/v2/Users/${admin.id}`, deactivate), 403)
    expectScimError(await scim('PUT', `/scim/v2/Users/${admin.id}`, { ...newUser(), userName: read.userName, emails: read.emails }), 403)
    expectScimError(await scim('DELETE', `/scim/v2/Users/${admin.id}`), 403)
    expect((await db.select().from(users).where(eq(users.id, admin.id)))[0]).toMatchObject({ status: 'active', deletedAt: null })

    expect(await updateScimSettings(db, actorOf(ws), { managesAdmins: 'on' })).toMatchObject({ ok: true })
    try {
      expect(expectResource(await scim('PATCH', `/scim/v2/Users/${admin.id}`, deactivate), 200, 'User').active).toBe(false)
      // The workspace's last active admin can't be taken away, by SCIM either.
      expectScimError(await scim('PATCH', `/scim/v2/Users/${ws.admin.id}`, deactivate), 400, 'invalidValue')
    } finally {
      await updateScimSettings(db, actorOf(ws), { managesAdmins: '' })
    }
  })
})

describe('ETags', () => {
  it('a stale If-Match is 412 and changes nothing; the current one works; If-None-Match gives 304', async () => {
    const user = expectResource(await scim('POST', '/scim/v2/Users', newUser()), 201, 'User')
    const replace = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] }
    const changed = expectResource(
      await scim('PATCH', `/scim/v2/Users/${user.id}`, replace, { 'if-match': user.meta.version }),
      200,
      'User',
    )
    expect(changed.meta.version).not.toBe(user.meta.version)
    expectScimError(await scim('PATCH', `/scim/v2/Users/${user.id}`, deactivate, { 'if-match': user.meta.version }), 412)
    expectScimError(await scim('DELETE', `/scim/v2/Users/${user.id}`, undefined, { 'if-match': 'W/"garbage"' }), 412)
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({ status: 'active', deletedAt: null })
    expect((await scim('GET', `/scim/v2/Users/${user.id}`, undefined, { 'if-none-match': changed.meta.version })).status).toBe(304)

    const group = expectResource(await scim('POST', '/scim/v2/Groups', { displayName: `E ${Math.random()}` }), 201, 'Group')
    await scim('PATCH', `/scim/v2/Groups/${group.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
    })
    expectScimError(await scim('PUT', `/scim/v2/Groups/${group.id}`, { displayName: 'Late' }, { 'if-match': group.meta.version }), 412)
  })
})

describe('bad input', () => {
  it('bad filters are 400 invalidFilter', async () => {
    for (const filter of [
      'userName eq',
      'password eq "x"',
      'userName zz "x"',
      'active eq "maybe"',
      'meta.lastModified gt "yesterday"',
      '(userName eq "a"',
      'x'.repeat(3000),
    ]) {
      expectScimError(await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter')
    }
    expectScimError(await scim('GET', `/scim/v2/Groups?filter=${encodeURIComponent('members pr')}`), 400, 'invalidFilter')
    // Ids that can't be ours match nothing (no query error).
    expectList(await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('id eq "not-a-uuid"')}`), 0)
    expectScimError(await scim('GET', '/scim/v2/Users/not-a-uuid'), 404)
  })

  it('bad paging is 400 invalidValue', async () => {
    for (const q of ['startIndex=abc', 'count=1.5', 'count=1e3', 'startIndex=99999999999'])
      expectScimError(await scim('GET', `/scim/v2/Users?${q}`), 400, 'invalidValue')
    // Out of range integers are clamped, as RFC 7644 §3.4.2.4 says.
    const clamped = await scim('GET', '/scim/v2/Users?startIndex=-5&count=5000')
    expect(clamped.body).toMatchObject({ startIndex: 1 })
  })

  it('bodies that are not resources, bad attributes and bad PATCH messages are 400s, and nothing is written', async () => {
    const before = (await db.select().from(users).where(eq(users.tenantId, ws.tenantId))).length
    expectScimError(await scim('POST', '/scim/v2/Users', 'not json'), 400, 'invalidSyntax')
    expectScimError(await scim('POST', '/scim/v2/Users', '[1,2]'), 400, 'invalidSyntax')
    expectScimError(await scim('POST', '/scim/v2/Users', {}), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', { userName: 'no.email' }), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', newUser({ emails: [{ value: 'not an email' }] })), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', newUser({ active: 'sometimes' })), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', newUser({ phoneNumbers: [{ type: 'mobile', value: '12' }] })), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', newUser({ name: { formatted: 'Bad\u0000Name' } })), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', newUser({ userName: 'x'.repeat(300) })), 400, 'invalidValue')
    expectScimError(await scim('POST', '/scim/v2/Users', newUser({ emails: 'a@b.c' })), 400, 'invalidValue')
    expect((await db.select().from(users).where(eq(users.tenantId, ws.tenantId))).length).toBe(before)

    const user = expectResource(await scim('POST', '/scim/v2/Users', newUser()), 201, 'User')
    const patch = (body: unknown) => scim('PATCH', `/scim/v2/Users/${user.id}`, body)
    expectScimError(await patch({ Operations: [{ op: 'replace', value: { active: false } }] }), 400, 'invalidSyntax')
    expectScimError(await patch({ schemas: [PATCH_OP], Operations: [] }), 400, 'invalidSyntax')
    expectScimError(
      await patch({ schemas: [PATCH_OP], Operations: [{ op: 'frobnicate', path: 'title', value: 'x' }] }),
      400,
      'invalidSyntax',
    )
    expectScimError(await patch({ schemas: [PATCH_OP], Operations: [{ op: 'remove' }] }), 400, 'noTarget')
    expectScimError(await patch({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title' }] }), 400, 'invalidSyntax')
    expectScimError(
      await patch({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'perhaps' }] }),
      400,
      'invalidValue',
    )
    expectScimError(
      await patch({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'broken' }] }),
      400,
      'invalidValue',
    )
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({ version: 1, status: 'active' })

    // Groups: a missing name, an unknown member, a name taken.
    expectScimError(await scim('POST', '/scim/v2/Groups', {}), 400, 'invalidValue')
    expectScimError(
      await scim('POST', '/scim/v2/Groups', {
        displayName: 'Unknown member',
        members: [{ value: '00000000-0000-4000-8000-000000000000' }],
      }),
      400,
      'invalidValue',
    )
    const name = `Taken ${Math.random()}`
    expectResource(await scim('POST', '/scim/v2/Groups', { displayName: name }), 201, 'Group')
    expectScimError(await scim('POST', '/scim/v2/Groups', { displayName: name.toUpperCase() }), 409, 'uniqueness')
    expect(await groupsNamed(ws, 'Unknown member')).toEqual([])
  })

  it('the discovery endpoints describe what is supported', async () => {
    const config = await scim('GET', '/scim/v2/ServiceProviderConfig')
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      etag: { supported: true },
      bulk: { supported: false },
    })
    expect(expectList(await scim('GET', '/scim/v2/ResourceTypes'), 2).map((r: { id: string }) => r.id)).toEqual(['User', 'Group'])
    expect((await scim('GET', '/scim/v2/ResourceTypes/User')).body).toMatchObject({ endpoint: '/Users' })
    expectScimError(await scim('GET', '/scim/v2/ResourceTypes/Nope'), 404)
    expect(expectList(await scim('GET', '/scim/v2/Schemas'), 3)).toHaveLength(3)
    expect((await scim('GET', '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).body).toMatchObject({ name: 'Group' })
  })
})
