import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { webhooks } from '@/db/schema'
import { createWebhookEndpoint, getWebhookEndpoint, listWebhooksEndpoint, updateWebhookEndpoint } from '@/lib/api/endpoints'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { apiTokenOf, callApi, expectAnswer, expectError } from '@/testing/api'
import { DELETE, GET as getOne, PATCH } from './[id]/route'
import { GET as list, POST } from './route'

let db: Db
let ws: TestWorkspace
let token: string

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'hook-api')
  token = await apiTokenOf(db, ws, ws.admin.id)
})

describe('/api/v1/webhooks', () => {
  it('creates (the secret once), lists, reads, changes from its version, and deletes', async () => {
    const created = await callApi(POST, 'POST', '/api/v1/webhooks', {
      token,
      body: { url: 'https://pbx.example.com/events', events: ['user.created', 'eligibility.changed'] },
    })
    expectAnswer(created, 201, createWebhookEndpoint.success.schema)
    expect(created.body.secret).toMatch(/^whsec_/)
    const id = created.body.data.id
    expectAnswer(await callApi(list, 'GET', '/api/v1/webhooks', { token }), 200, listWebhooksEndpoint.success.schema)
    const read = await callApi(getOne, 'GET', `/api/v1/webhooks/${id}`, { token, params: { id } })
    expectAnswer(read, 200, getWebhookEndpoint.success.schema)
    expect(JSON.stringify(read.body)).not.toContain('whsec_')
    const patched = await callApi(PATCH, 'PATCH', `/api/v1/webhooks/${id}`, { token, params: { id }, body: { version: 1, enabled: false } })
    expectAnswer(patched, 200, updateWebhookEndpoint.success.schema)
    expect(patched.body.data).toMatchObject({ enabled: false, url: 'https://pbx.example.com/events', version: 2 })
    expectError(
      await callApi(PATCH, 'PATCH', `/api/v1/webhooks/${id}`, { token, params: { id }, body: { version: 1, enabled: true } }),
      409,
      'conflict',
    )
    expect((await callApi(DELETE, 'DELETE', `/api/v1/webhooks/${id}`, { token, params: { id } })).status).toBe(204)
    expectError(await callApi(getOne, 'GET', `/api/v1/webhooks/${id}`, { token, params: { id } }), 404, 'not_found')
  })

  it('bad input is 422 with field messages; no version is 422; a supervisor is 403; another workspace’s id is 404', async () => {
    expectError(
      await callApi(POST, 'POST', '/api/v1/webhooks', { token, body: { url: 'http://10.0.0.1/x', events: [] } }),
      422,
      'invalid',
      {
        url: expect.any(String),
        events: expect.any(String),
      },
    )
    expectError(await callApi(POST, 'POST', '/api/v1/webhooks', { token, rawBody: '[]' }), 400, 'bad_request')
    const made = await callApi(POST, 'POST', '/api/v1/webhooks', {
      token,
      body: { url: 'https://pbx.example.com/x', events: ['user.created'] },
    })
    const id = made.body.data.id
    expectError(
      await callApi(PATCH, 'PATCH', `/api/v1/webhooks/${id}`, { token, params: { id }, body: { enabled: false } }),
      422,
      'invalid',
      { version: expect.any(String) },
    )
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
    expectError(await callApi(list, 'GET', '/api/v1/webhooks', { token: await apiTokenOf(db, ws, supervisor.id) }), 403, 'forbidden')
    const other = await createTestWorkspace(db, 'hook-api-other')
    const theirs = await apiTokenOf(db, other, other.admin.id)
    expectError(await callApi(getOne, 'GET', `/api/v1/webhooks/${id}`, { token: theirs, params: { id } }), 404, 'not_found')
    expectError(
      await callApi(PATCH, 'PATCH', `/api/v1/webhooks/${id}`, { token: theirs, params: { id }, body: { version: 1, enabled: false } }),
      404,
      'not_found',
    )
    expectError(await callApi(DELETE, 'DELETE', `/api/v1/webhooks/${id}`, { token: theirs, params: { id } }), 404, 'not_found')
    expect((await db.select().from(webhooks).where(eq(webhooks.id, id)))[0]).toMatchObject({ enabled: true, version: 1 })
  })
})
