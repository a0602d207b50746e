import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, extensions, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import {
  createExtensionEndpoint,
  getExtensionEndpoint,
  listExtensionsEndpoint,
  revealSipPasswordEndpoint,
  updateExtensionEndpoint,
} from '@/lib/api/endpoints'
import { apiTokenOf, callApi, expectAnswer, expectError } from '@/testing/api'
import { createExtension } from '@/lib/extensions/manage-extensions'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { DELETE as deleteExtension, GET as getExtension, PATCH as patchExtension } from './[id]/route'
import { POST as revealSip } from './[id]/sip-password/route'
import { GET as listExtensions, POST as postExtension } from './route'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let admin: string
let supervisor: string
let counter = 4000 + Math.floor(Math.random() * 1000)
const nextNumber = () => String(++counter)

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'apix')
  other = await createTestWorkspace(db, 'apix-other')
  admin = await apiTokenOf(db, ws, ws.admin.id)
  supervisor = await apiTokenOf(db, ws, (await createTestUser(db, ws.tenantId, { role: 'Supervisor' })).id)
})

const create = (body: unknown, token = admin) => callApi(postExtension, 'POST', '/api/v1/extensions', { token, body })
const get = (id: string, token = admin) => callApi(getExtension, 'GET', `/api/v1/extensions/${id}`, { token, params: { id } })
const patch = (id: string, body: unknown, token = admin) =>
  callApi(patchExtension, 'PATCH', `/api/v1/extensions/${id}`, { token, body, params: { id } })
const remove = (id: string, token = admin) => callApi(deleteExtension, 'DELETE', `/api/v1/extensions/${id}`, { token, params: { id } })
const reveal = (id: string, token = admin) => callApi(revealSip, 'POST', `/api/v1/extensions/${id}/sip-password`, { token, params: { id } })

describe('extensions API', () => {
  it('creates (201), reads (never the secret), lists and finds by number prefix', async () => {
    const number = nextNumber()
    const made = await create({ number, type: 'SIP' })
    expectAnswer(made, 201, createExtensionEndpoint.success.schema)
    expect(made.body.data).toMatchObject({ number, type: 'SIP', hasSipPassword: true, user: null, version: 1 })
    const read = await get(made.body.data.id)
    expectAnswer(read, 200, getExtensionEndpoint.success.schema)
    expect(JSON.stringify(read.body)).not.toMatch(/ciphertext|secret|pinHash/i)
    const list = await callApi(listExtensions, 'GET', `/api/v1/extensions?q=${number}`, { token: admin })
    expectAnswer(list, 200, listExtensionsEndpoint.success.schema)
    expect(list.body.data.map((e: { number: string }) => e.number)).toEqual([number])
  })

  it('validates like the form (422), refuses a taken number (422) and bad query parameters (400)', async () => {
    expectError(await create({ number: '1' }), 422, 'invalid', { number: 'Use 2 to 10 digits.' })
    expectError(await create({ number: nextNumber(), voicemailEnabled: true }), 422, 'invalid', {
      voicemailPin: 'Set a PIN to turn voicemail on.',
    })
    const number = nextNumber()
    expectAnswer(await create({ number }), 201)
    expectError(await create({ number }), 422, 'invalid', { number: `Extension ${number} exists already in this workspace.` })
    expectError(await callApi(listExtensions, 'GET', '/api/v1/extensions?page=0', { token: admin }), 400, 'bad_request')
    expectError(await callApi(listExtensions, 'GET', '/api/v1/extensions?colour=red', { token: admin }), 400, 'bad_request')
  })

  it('PATCH changes the fields sent, checks the version (409) and changes the SIP password when sent', async () => {
    const made = (await create({ number: nextNumber() })).body.data
    const changed = await patch(made.id, { version: 1, type: 'SIP', sipPassword: 'a-new-sip-secret-123456' })
    expectAnswer(changed, 200, updateExtensionEndpoint.success.schema)
    expect(changed.body.data).toMatchObject({ type: 'SIP', number: made.number, version: 2 })
    expect((await reveal(made.id)).body.data.sipPassword).toBe('a-new-sip-secret-123456')
    expectError(await patch(made.id, { version: 1, type: 'WebRTC' }), 409, 'conflict')
    expectError(await patch(made.id, { version: 2, sipPassword: 'short' }), 422, 'invalid', { sipPassword: expect.any(String) })
    expectError(await patch(made.id, { type: 'SIP' }), 422, 'invalid', { version: expect.any(String) })
    expect((await get(made.id)).body.data).toMatchObject({ type: 'SIP', version: 2 })
  })

  it('reveals the SIP password only through its endpoint, audited', async () => {
    const made = (await create({ number: nextNumber() })).body.data
    const answer = await reveal(made.id)
    expectAnswer(answer, 200, revealSipPasswordEndpoint.success.schema)
    expect(answer.body.data.sipPassword).toHaveLength(20)
    const audit = await db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, made.id), eq(auditEntries.action, 'extension.sip_reveal')),
      )
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit)).not.toContain(answer.body.data.sipPassword)
  })

  it('DELETE unlinks the holder (and their force login) and answers with the message', async () => {
    const made = (await create({ number: nextNumber() })).body.data
    const holder = await createTestUser(db, ws.tenantId)
    await db.update(users).set({ extensionId: made.id, forceLogin: true }).where(eq(users.id, holder.id))
    const answer = await remove(made.id)
    expectAnswer(answer, 200)
    expect(answer.body.message).toContain(holder.username)
    expect((await db.select({ e: users.extensionId, f: users.forceLogin }).from(users).where(eq(users.id, holder.id)))[0]).toEqual({
      e: null,
      f: false,
    })
    expectError(await get(made.id), 404, 'not_found')
  })

  it('another workspace’s extension is 404 on every endpoint and stays as it was; a supervisor gets 403', async () => {
    const theirs = await createExtension(db, actorOf(other), { number: nextNumber() }, appKeyring())
    if (!theirs.ok) throw new Error('setup')
    for (const answer of [
      await get(theirs.id),
      await patch(theirs.id, { version: 1, type: 'SIP' }),
      await reveal(theirs.id),
      await remove(theirs.id),
    ]) {
      expectError(answer, 404, 'not_found')
    }
    expect(await db.select({ t: extensions.type, v: extensions.version }).from(extensions).where(eq(extensions.id, theirs.id))).toEqual([
      { t: 'WebRTC', v: 1 },
    ])
    expectError(await create({ number: nextNumber() }, supervisor), 403, 'forbidden')
    expectError(await reveal(theirs.id, supervisor), 403, 'forbidden')
    expectError(await callApi(listExtensions, 'GET', '/api/v1/extensions', { token: supervisor }), 403, 'forbidden')
  })

  it('shares the number rule with the portal’s form: the same message from createExtension and from the API', async () => {
    const portal = await createExtension(db, actorOf(ws), { number: '12a' }, appKeyring())
    expect(portal.ok).toBe(false)
    expectError(await create({ number: '12a' }), 422, 'invalid', { number: portal.ok ? null : portal.fieldErrors.number })
  })
})
