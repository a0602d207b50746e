import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { wholeWorkspace } from '@/lib/auth/scope'
import { listSessionsEndpoint } from '@/lib/api/endpoints'
import { openDashboardSession } from '@/lib/auth/session-user'
import { listLiveSessions } from '@/lib/sessions/list-sessions'
import { apiTokenOf, callApi, expectAnswer } from '@/testing/api'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { DELETE as deleteUserSessions } from '../users/[id]/sessions/route'
import { DELETE as deleteSession } from './[id]/route'
import { GET as listSessions } from './route'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let admin: string
let supervisor: string
let supervisorId: string
let otherAdmin: string

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'apis')
  other = await createTestWorkspace(db, 'apis-other')
  admin = await apiTokenOf(db, ws, ws.admin.id)
  supervisorId = (await createTestUser(db, ws.tenantId, { role: 'Supervisor' })).id
  supervisor = await apiTokenOf(db, ws, supervisorId)
  otherAdmin = await apiTokenOf(db, other, other.admin.id)
})

const open = (userId: string, tenantId = ws.tenantId) =>
  openDashboardSession(db, { tenantId, userId, ip: '198.51.100.4', userAgent: 'curl/8.5.0' })
const live = async (userId: string) => (await listLiveSessions(db, wholeWorkspace(ws.tenantId), userId)).length

describe('sessions API', () => {
  it('lists live sessions (one user’s, or the workspace’s), signs one out and a user out everywhere', async () => {
    const agent = await createTestUser(db, ws.tenantId)
    const first = await open(agent.id)
    await open(agent.id)
    const listed = await callApi(listSessions, 'GET', `/api/v1/sessions?user=${agent.id}`, { token: admin })
    expectAnswer(listed, 200, listSessionsEndpoint.success.schema)
    expect(listed.body.data).toHaveLength(2)
    expect(listed.body.data[0]).toMatchObject({ userId: agent.id, device: 'curl 8', ip: '198.51.100.4' })
    const all = await callApi(listSessions, 'GET', '/api/v1/sessions', { token: supervisor })
    expect(all.status).toBe(200)
    expect(all.body.data.map((s: { userId: string }) => s.userId)).toContain(agent.id)

    expect((await callApi(deleteSession, 'DELETE', `/api/v1/sessions/${first}`, { token: admin, params: { id: first } })).status).toBe(204)
    expect(await live(agent.id)).toBe(1)
    expect((await callApi(deleteSession, 'DELETE', `/api/v1/sessions/${first}`, { token: admin, params: { id: first } })).status).toBe(404)
    const everywhere = await callApi(deleteUserSessions, 'DELETE', `/api/v1/users/${agent.id}/sessions`, {
      token: admin,
      params: { id: agent.id },
    })
    expect(everywhere.status).toBe(204)
    expect(await live(agent.id)).toBe(0)
  })

  it('one’s own sessions are one’s own to end; others need users.update; another workspace’s are never listed or ended (404)', async () => {
    const agent = await createTestUser(db, ws.tenantId)
    const session = await open(agent.id)
    expect(
      (await callApi(deleteSession, 'DELETE', `/api/v1/sessions/${session}`, { token: supervisor, params: { id: session } })).status,
    ).toBe(403)
    const own = await open(supervisorId)
    expect((await callApi(deleteSession, 'DELETE', `/api/v1/sessions/${own}`, { token: supervisor, params: { id: own } })).status).toBe(204)

    expect((await callApi(listSessions, 'GET', `/api/v1/sessions?user=${agent.id}`, { token: otherAdmin })).status).toBe(404)
    const theirs = await callApi(listSessions, 'GET', '/api/v1/sessions', { token: otherAdmin })
    expect(theirs.body.data.map((s: { userId: string }) => s.userId)).not.toContain(agent.id)
    expect(
      (await callApi(deleteSession, 'DELETE', `/api/v1/sessions/${session}`, { token: otherAdmin, params: { id: session } })).status,
    ).toBe(404)
    expect(
      (await callApi(deleteUserSessions, 'DELETE', `/api/v1/users/${agent.id}/sessions`, { token: otherAdmin, params: { id: agent.id } }))
        .status,
    ).toBe(404)
    expect(await live(agent.id)).toBe(1)
    expect((await callApi(listSessions, 'GET', '/api/v1/sessions?user=nope', { token: admin })).status).toBe(400)
    expect((await callApi(listSessions, 'GET', '/api/v1/sessions?colour=red', { token: admin })).status).toBe(400)
    expect((await callApi(deleteSession, 'DELETE', '/api/v1/sessions/nope', { token: admin, params: { id: 'nope' } })).status).toBe(404)
  })
})
