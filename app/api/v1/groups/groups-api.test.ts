import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { userGroups } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { addGroupMemberEndpoint, createGroupEndpoint, listGroupsEndpoint } from '@/lib/api/endpoints'
import { apiTokenOf, callApi, expectAnswer, expectError } from '@/testing/api'
import { createGroup } from '@/lib/groups/manage-groups'
import { DELETE as removeMember } from './[id]/members/[userId]/route'
import { POST as addMember } from './[id]/members/route'
import { GET as listGroups, POST as postGroup } from './route'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let admin: string
let supervisor: string

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'apig')
  other = await createTestWorkspace(db, 'apig-other')
  admin = await apiTokenOf(db, ws, ws.admin.id)
  supervisor = await apiTokenOf(db, ws, (await createTestUser(db, ws.tenantId, { role: 'Supervisor' })).id)
})

const create = (name: unknown, token = admin) => callApi(postGroup, 'POST', '/api/v1/groups', { token, body: { name } })
const add = (id: string, username: unknown, token = admin) =>
  callApi(addMember, 'POST', `/api/v1/groups/${id}/members`, { token, body: { username }, params: { id } })
const drop = (id: string, userId: string, token = admin) =>
  callApi(removeMember, 'DELETE', `/api/v1/groups/${id}/members/${userId}`, { token, params: { id, userId } })

describe('groups API', () => {
  it('creates a group (201), adds and removes a member, and lists groups with their member counts', async () => {
    const made = await create('Night shift')
    expectAnswer(made, 201, createGroupEndpoint.success.schema)
    const id = made.body.data.id
    const user = await createTestUser(db, ws.tenantId)
    const added = await add(id, user.username)
    expectAnswer(added, 200, addGroupMemberEndpoint.success.schema)
    expect(added.body.data).toMatchObject({ name: 'Night shift', members: 1 })
    const list = await callApi(listGroups, 'GET', '/api/v1/groups', { token: supervisor })
    expectAnswer(list, 200, listGroupsEndpoint.success.schema)
    expect(list.body.data).toContainEqual({ id, name: 'Night shift', members: 1 })
    expectAnswer(await drop(id, user.id), 204)
    expect(await db.select().from(userGroups).where(eq(userGroups.groupId, id))).toEqual([])
    expectError(await drop(id, user.id), 404, 'not_found')
  })

  it('validates like Settings › Groups (422), with the same messages', async () => {
    expectError(await create(''), 422, 'invalid', { name: 'Give the group a name.' })
    await create('Weekend')
    const portal = await createGroup(db, actorOf(ws), { name: 'weekend' })
    expect(portal.ok).toBe(false)
    expectError(await create('weekend'), 422, 'invalid', { name: portal.ok ? null : portal.fieldErrors.name })
    const id = (await create('Escalations')).body.data.id
    expectError(await add(id, 'nobody.here'), 422, 'invalid', { username: 'No user “nobody.here” in this workspace.' })
    expectError(await add(id, ''), 422, 'invalid', { username: 'Enter a username.' })
  })

  it('keeps workspaces apart (404) and needs settings.manage to change groups (403)', async () => {
    const theirs = await createGroup(db, actorOf(other), { name: 'Theirs' })
    if (!theirs.ok) throw new Error('setup')
    const stranger = await createTestUser(db, other.tenantId)
    expectError(await add(theirs.id, stranger.username), 404, 'not_found')
    const mine = (await create('Mine')).body.data.id
    expectError(await add(mine, stranger.username), 422, 'invalid', { username: expect.stringContaining('No user') })
    expectError(await drop(theirs.id, stranger.id), 404, 'not_found')
    expect(
      (await callApi(listGroups, 'GET', '/api/v1/groups', { token: admin })).body.data.map((g: { name: string }) => g.name),
    ).not.toContain('Theirs')
    expectError(await create('By a supervisor', supervisor), 403, 'forbidden')
    expectError(await add(mine, 'x', supervisor), 403, 'forbidden')
  })
})
