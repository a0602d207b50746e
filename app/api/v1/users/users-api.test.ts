import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { apiTokens } from '@/db/schema'
import { createTestUser, createTestWorkspace, seedPeople, setUserStatus, softDeleteUser, type TestWorkspace } from '@/testing/fixtures'
import { hashApiToken } from '@/lib/api-tokens/token-secret'
import { apiTokenOf } from '@/testing/api'
import { GET as getUser } from './[id]/route'
import { GET as listUsers } from './route'

let db: Db
let ws: TestWorkspace
let people: Awaited<ReturnType<typeof seedPeople>>
let adminToken: string

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'api')
  people = await seedPeople(db, ws.tenantId)
  adminToken = await tokenOf(ws, ws.admin.id)
})

const tokenOf = (w: TestWorkspace, ownerId: string) => apiTokenOf(db, w, ownerId)
const request = (path: string, token?: string) =>
  new Request(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
const detail = (id: string, token?: string) => getUser(request(`/api/v1/users/${id}`, token), { params: Promise.resolve({ id }) })

describe('GET /api/v1/users', () => {
  it('lists the workspace’s users with the UI’s search, filters and paging', async () => {
    const response = await listUsers(request('/api/v1/users?q=calls.example&role=Supervisor&sort=-name&size=25', adminToken))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.data.map((u: { fullName: string }) => u.fullName)).toEqual(['Di Müller', 'Cy Okafor'])
    expect(body).toMatchObject({ page: 1, size: 25, total: { count: 2, capped: false } })
    expect(body.data[0]).toMatchObject({ username: 'di_mueller', extension: { number: '301', type: 'SIP' }, role: 'Supervisor' })
    expect(JSON.stringify(body)).not.toMatch(/password|hash/i)
  })

  it('gives the same 401 to a missing, unknown, revoked, expired, inactive-owner and deleted-owner token', async () => {
    const owner = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const revoked = await tokenOf(ws, owner.id)
    await db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.tokenHash, hashApiToken(revoked)))
    const expired = await tokenOf(ws, owner.id)
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(apiTokens.tokenHash, hashApiToken(expired)))
    const inactiveOwner = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const inactive = await tokenOf(ws, inactiveOwner.id)
    await setUserStatus(db, ws.tenantId, inactiveOwner.id, 'inactive')
    const deletedOwner = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const deleted = await tokenOf(ws, deletedOwner.id)
    await softDeleteUser(db, ws.tenantId, deletedOwner.id)

    const bodies = new Set<string>()
    for (const token of [undefined, `sb_${'x'.repeat(43)}`, revoked, expired, inactive, deleted]) {
      for (const response of [await listUsers(request('/api/v1/users', token)), await detail(people.ids.ana!, token)]) {
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer')
        bodies.add(await response.text())
      }
    }
    expect([...bodies]).toEqual([
      JSON.stringify({ error: { code: 'unauthorized', message: 'Send a valid API token: Authorization: Bearer sb_…' } }),
    ])
  })

  it('answers 403 to a token whose owner can’t read users (an agent)', async () => {
    const agent = await createTestUser(db, ws.tenantId, { role: 'Agent' })
    const token = await tokenOf(ws, agent.id)
    const response = await listUsers(request('/api/v1/users', token))
    expect(response.status).toBe(403)
    expect((await response.json()).error.code).toBe('forbidden')
    expect((await detail(people.ids.ana!, token)).status).toBe(403)
  })

  it('answers 400 to query parameters the list doesn’t take (the page would ignore them; a client should hear about it)', async () => {
    for (const query of ['sort=shoe_size', 'size=7', 'page=0', 'role=Boss', 'status=asleep', 'colour=red', 'group=not-a-uuid']) {
      const response = await listUsers(request(`/api/v1/users?${query}`, adminToken))
      expect(response.status, query).toBe(400)
      expect((await response.json()).error.code).toBe('bad_request')
    }
    expect((await listUsers(request('/api/v1/users?role=Admin,Agent&sort=-created&size=50&page=2', adminToken))).status).toBe(200)
  })

  it('never shows another workspace’s users', async () => {
    const other = await createTestWorkspace(db, 'api-other')
    const otherToken = await tokenOf(other, other.admin.id)
    const body = await (await listUsers(request('/api/v1/users?q=calls.example', otherToken))).json()
    expect(body.data).toEqual([])
  })
})

describe('GET /api/v1/users/{id}', () => {
  it('returns one user without any secret, and 404 for another workspace’s, a deleted or a malformed id', async () => {
    const response = await detail(people.ids.bo!, adminToken)
    expect(response.status).toBe(200)
    const { data } = await response.json()
    expect(data).toMatchObject({ id: people.ids.bo, username: 'bo.chen', role: 'Agent', version: 1 })
    expect(JSON.stringify(data)).not.toMatch(/password|hash/i)

    const other = await createTestWorkspace(db, 'api-other')
    for (const id of [other.admin.id, 'not-a-uuid']) {
      const missing = await detail(id, adminToken)
      expect(missing.status).toBe(404)
      expect((await missing.json()).error.code).toBe('not_found')
    }
    const gone = await createTestUser(db, ws.tenantId)
    await softDeleteUser(db, ws.tenantId, gone.id)
    expect((await detail(gone.id, adminToken)).status).toBe(404)
  })
})
