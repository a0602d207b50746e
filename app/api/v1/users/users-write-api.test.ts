import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, extensions, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, seedPeople, type TestWorkspace } from '@/testing/fixtures'
import { createUserEndpoint, updateUserEndpoint, restoreUserEndpoint } from '@/lib/api/endpoints'
import { apiTokenOf, callApi, expectAnswer, expectError } from '@/testing/api'
import { createUser, updateUser } from '@/lib/users/manage-users'
import { DELETE as deleteUser, GET as getUser, PATCH as patchUser } from './[id]/route'
import { POST as restoreUser } from './[id]/restore/route'
import { POST as postUser } from './route'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let people: Awaited<ReturnType<typeof seedPeople>>
let admin: string
let supervisor: string
const PASSWORD = 'violet-harbour-42-kettle'

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'apiw')
  other = await createTestWorkspace(db, 'apiw-other')
  people = await seedPeople(db, ws.tenantId)
  admin = await apiTokenOf(db, ws, ws.admin.id)
  supervisor = await apiTokenOf(db, ws, (await createTestUser(db, ws.tenantId, { role: 'Supervisor' })).id)
})

const unique = () => `api.${Math.random().toString(36).slice(2, 10)}`
const newUser = (over: Record<string, unknown> = {}) => {
  const username = unique()
  return { fullName: 'Api Person', email: `${username}@x.test`, username, role: 'Agent', password: PASSWORD, ...over }
}
const create = (body: unknown, token = admin) => callApi(postUser, 'POST', '/api/v1/users', { token, body })
const patch = (id: string, body: unknown, token = admin) =>
  callApi(patchUser, 'PATCH', `/api/v1/users/${id}`, { token, body, params: { id } })
const remove = (id: string, token = admin) => callApi(deleteUser, 'DELETE', `/api/v1/users/${id}`, { token, params: { id } })
const restore = (id: string, token = admin) => callApi(restoreUser, 'POST', `/api/v1/users/${id}/restore`, { token, params: { id } })
const get = (id: string, token = admin) => callApi(getUser, 'GET', `/api/v1/users/${id}`, { token, params: { id } })

describe('POST /api/v1/users', () => {
  it('creates a user (201, the documented shape, never the password), audited as coming through the API', async () => {
    const body = newUser({ groupIds: [people.groups.support], forceLogin: false, mobile: '+44 7911 123456' })
    const answer = await create(body)
    expectAnswer(answer, 201, createUserEndpoint.success.schema)
    expect(answer.body.data).toMatchObject({
      username: body.username,
      role: 'Agent',
      groupIds: [people.groups.support],
      mobile: '+447911123456',
      version: 1,
    })
    expect(JSON.stringify(answer.body)).not.toContain(PASSWORD)
    const [audit] = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, answer.body.data.id)))
    expect(audit).toMatchObject({ action: 'user.create', actorLabel: `${ws.admin.username} (API)` })
  })

  it('answers 422 with a message per field for each rule, and creates nothing', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ username: 'No Spaces!' }, { username: expect.any(String) }],
      [{ email: 'not-an-email' }, { email: 'Enter a valid email address.' }],
      [{ fullName: '' }, { fullName: 'Enter a full name.' }],
      [{ password: 'short' }, { password: expect.stringMatching(/12/) }],
      [{ password: 'password1234' }, { password: expect.stringMatching(/common|breach/i) }],
      [{ role: 'Boss' }, { role: 'Choose a role.' }],
      [{ forceLogin: true }, { forceLogin: 'Force login needs an extension: choose one, or turn force login off.' }],
      [{ username: 'ana.lima' }, { username: 'This username is taken in this workspace.' }],
      [{ profileId: people.profiles.leads }, { profileId: 'Choose a profile of the Agent role, or none.' }],
      [{ mobile: '12345' }, { mobile: expect.stringMatching(/international/) }],
    ]
    for (const [over, fields] of cases) {
      const body = newUser(over)
      expectError(await create(body), 422, 'invalid', fields)
      expect(
        await db
          .select()
          .from(users)
          .where(and(eq(users.tenantId, ws.tenantId), eq(users.email, String(body.email)))),
      ).toEqual([])
    }
  })

  it('refuses another workspace’s extension or group as if they didn’t exist', async () => {
    const [ext] = await db.insert(extensions).values({ tenantId: other.tenantId, number: '777' }).returning()
    expectError(await create(newUser({ extensionId: ext!.id })), 422, 'invalid', { extensionId: 'Choose an extension from the list.' })
    expectError(await create(newUser({ groupIds: ['00000000-0000-4000-8000-000000000000'] })), 422, 'invalid', {
      groupIds: 'Choose groups from the list.',
    })
  })

  it('answers 400 to a body that isn’t a JSON object, 401 without a token, 403 without users.create', async () => {
    expectError(await callApi(postUser, 'POST', '/api/v1/users', { token: admin, rawBody: '{not json' }), 400, 'bad_request')
    expectError(await callApi(postUser, 'POST', '/api/v1/users', { token: admin, rawBody: '[1,2]' }), 400, 'bad_request')
    expectError(await create(newUser(), ''), 401, 'unauthorized')
    const body = newUser()
    expectError(await create(body, supervisor), 403, 'forbidden')
    expect(
      await db
        .select()
        .from(users)
        .where(eq(users.username, String(body.username))),
    ).toEqual([])
  })
})

describe('PATCH /api/v1/users/{id}', () => {
  it('changes only the fields sent and bumps the version', async () => {
    const made = (await create(newUser({ notes: 'keep me', groupIds: [people.groups.sales] }))).body.data
    const answer = await patch(made.id, { version: 1, jobTitle: 'Team lead', status: 'inactive' })
    expectAnswer(answer, 200, updateUserEndpoint.success.schema)
    expect(answer.body.data).toMatchObject({
      jobTitle: 'Team lead',
      status: 'inactive',
      notes: 'keep me',
      groupIds: [people.groups.sales],
      version: 2,
    })
  })

  it('refuses a stale version with 409 and changes nothing', async () => {
    const made = (await create(newUser())).body.data
    expectAnswer(await patch(made.id, { version: 1, fullName: 'First' }), 200)
    const stale = await patch(made.id, { version: 1, fullName: 'Second' })
    expectError(stale, 409, 'conflict')
    expect(stale.body.error.message).toMatch(/changed since the version you sent/)
    expect((await get(made.id)).body.data).toMatchObject({ fullName: 'First', version: 2 })
  })

  it('needs the version (422), validates like the form (422), keeps the last active admin (422), and sets a password only with users.password', async () => {
    const made = (await create(newUser())).body.data
    expectError(await patch(made.id, { fullName: 'No version' }), 422, 'invalid', { version: expect.any(String) })
    expectError(await patch(made.id, { version: 1, email: 'nope' }), 422, 'invalid', { email: 'Enter a valid email address.' })
    // The workspace's only active admin can't demote themselves.
    const lone = await createTestWorkspace(db, 'apiw-lone')
    const loneToken = await apiTokenOf(db, lone, lone.admin.id)
    const [me] = await db.select({ v: users.version }).from(users).where(eq(users.id, lone.admin.id))
    expectError(await patch(lone.admin.id, { version: me!.v, role: 'Agent' }, loneToken), 422, 'invalid', {
      role: 'The workspace must keep at least one active admin.',
    })
    expectAnswer(await patch(made.id, { version: 1, password: 'a-brand-new-passphrase-9' }), 200)
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, made.id))
    expect(row!.hash).toMatch(/^\$argon2id\$/)
  })

  it('answers 404 for another workspace’s user, a deleted user or a malformed id; 403 without users.update', async () => {
    const theirs = await createTestUser(db, other.tenantId)
    expectError(await patch(theirs.id, { version: 1, fullName: 'Hijack' }), 404, 'not_found')
    expect((await db.select({ n: users.fullName }).from(users).where(eq(users.id, theirs.id)))[0]!.n).not.toBe('Hijack')
    expectError(await patch('not-a-uuid', { version: 1 }), 404, 'not_found')
    expectError(await patch(people.ids.ana!, { version: 1, fullName: 'Nope' }, supervisor), 403, 'forbidden')
  })
})

describe('DELETE /api/v1/users/{id} and POST …/restore', () => {
  it('deletes softly (204, then 404), restores (200 with the message), and refuses a restore when the username was taken (409)', async () => {
    const made = (await create(newUser())).body.data
    expectAnswer(await remove(made.id), 204)
    expectError(await get(made.id), 404, 'not_found')
    const back = await restore(made.id)
    expectAnswer(back, 200, restoreUserEndpoint.success.schema)
    expect(back.body.message).toMatch(/restored/i)
    expectError(await restore(made.id), 404, 'not_found') // not deleted any more

    expectAnswer(await remove(made.id), 204)
    expectAnswer(await create(newUser({ username: made.username })), 201)
    const refused = await restore(made.id)
    expectError(refused, 409, 'conflict')
    expect(refused.body.error.message).toMatch(/now belongs to another user/)
  })

  it('won’t delete yourself or another workspace’s user, and needs users.delete', async () => {
    expectError(await remove(ws.admin.id), 409, 'conflict')
    const theirs = await createTestUser(db, other.tenantId)
    expectError(await remove(theirs.id), 404, 'not_found')
    expect((await db.select({ d: users.deletedAt }).from(users).where(eq(users.id, theirs.id)))[0]!.d).toBeNull()
    expectError(await remove(people.ids.bo!, supervisor), 403, 'forbidden')
    expectError(await restore(theirs.id), 404, 'not_found')
  })
})

describe('the API and the portal share each rule (lib/users): the same input gets the same message from both', () => {
  // What the New user and Edit forms send (strings, checkboxes as "on") and what the API sends (JSON) go through one function.
  const rules: { rule: string; form: Record<string, unknown>; json: Record<string, unknown>; field: string }[] = [
    { rule: 'username format', form: { username: 'Bad Name' }, json: { username: 'Bad Name' }, field: 'username' },
    { rule: 'unique username', form: { username: 'bo.chen' }, json: { username: 'bo.chen' }, field: 'username' },
    { rule: 'email', form: { email: 'x@' }, json: { email: 'x@' }, field: 'email' },
    { rule: 'password policy', form: {}, json: { password: 'password1234' }, field: 'password' },
    { rule: 'force login needs an extension', form: { forceLogin: 'on' }, json: { forceLogin: true }, field: 'forceLogin' },
    { rule: 'profile of the role', form: { profileId: 'PROFILE' }, json: { profileId: 'PROFILE' }, field: 'profileId' },
    { rule: 'mobile in E.164', form: { mobile: '07911' }, json: { mobile: '07911' }, field: 'mobile' },
  ]
  for (const r of rules) {
    it(r.rule, async () => {
      const fill = (o: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === 'PROFILE' ? people.profiles.leads : v]))
      const base = newUser()
      const { password: _, ...formBase } = base
      const portal = await createUser(db, actorOf(ws), {
        ...{ ...formBase, ...fill(r.form) },
        password: r.field === 'password' ? 'password1234' : PASSWORD,
      })
      const api = await create({ ...newUser(), ...fill(r.json) })
      expect(portal.ok).toBe(false)
      const portalMessage = portal.ok ? null : portal.fieldErrors[r.field as keyof typeof portal.fieldErrors]
      expect(portalMessage).toBeTruthy()
      expectError(api, 422, 'invalid', { [r.field]: portalMessage })
    })
  }

  it('optimistic concurrency: a stale version is refused by updateUser (the edit form) and by PATCH (409) alike', async () => {
    const made = (await create(newUser())).body.data
    expectAnswer(await patch(made.id, { version: 1, department: 'Billing' }), 200)
    const portal = await updateUser(db, actorOf(ws), { ...{ ...made, department: 'Sales' }, id: made.id, version: 1 })
    expect(portal).toMatchObject({ ok: false, reason: 'stale' })
    expectError(await patch(made.id, { version: 1, department: 'Sales' }), 409, 'conflict')
  })
})

describe('POST /api/v1/users with sendInvitation (issue 18)', () => {
  it('creates the user without a password and queues the invitation; a password and an invitation together is a 422', async () => {
    const body = newUser({ password: undefined, sendInvitation: true })
    const answer = await create(body)
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    const [row] = await db
      .select()
      .from(users)
      .where(eq(users.username, body.username as string))
    expect(row!.passwordHash).toBeNull()
    expect(row!.invitationExpiresAt).not.toBeNull()
    const both = await create(newUser({ sendInvitation: true }))
    expect(both.status).toBe(422)
    const neither = await create(newUser({ password: undefined }))
    expect(neither.status).toBe(422)
    // A string is not the boolean the document asks for: no invitation, so no password is a 422.
    expect((await create(newUser({ password: undefined, sendInvitation: 'yes' }))).status).toBe(422)
  })
})
