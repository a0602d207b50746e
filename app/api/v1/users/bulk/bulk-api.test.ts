import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { bulkEditUsersEndpoint } from '@/lib/api/endpoints'
import { apiTokenOf, callApi, expectAnswer } from '@/testing/api'
import { POST } from './route'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let admin: string
let supervisor: string

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'apib')
  other = await createTestWorkspace(db, 'apib-other')
  admin = await apiTokenOf(db, ws, ws.admin.id)
  supervisor = await apiTokenOf(db, ws, (await createTestUser(db, ws.tenantId, { role: 'Supervisor' })).id)
})

const bulk = (body: unknown, token = admin) => callApi(POST, 'POST', '/api/v1/users/bulk', { token, body })

describe('POST /api/v1/users/bulk', () => {
  it('changes the chosen fields of the listed users, answering each one’s outcome, audited as API', async () => {
    const a = await createTestUser(db, ws.tenantId)
    const b = await createTestUser(db, ws.tenantId)
    const answer = await bulk({ ids: [a.id, b.id, ws.admin.id], set: { department: 'Billing', status: 'inactive' } })
    expectAnswer(answer, 200, bulkEditUsersEndpoint.success.schema)
    expect(answer.body.data).toMatchObject({ dryRun: false, updated: 2, skipped: 1 })
    expect(answer.body.data.results.find((r: { id: string }) => r.id === ws.admin.id)).toMatchObject({
      outcome: 'skipped',
      reason: 'You can’t deactivate yourself.',
    })
    const rows = await db
      .select()
      .from(users)
      .where(inArray(users.id, [a.id, b.id]))
    expect(rows.map((r) => [r.department, r.status])).toEqual([
      ['Billing', 'inactive'],
      ['Billing', 'inactive'],
    ])
    const audits = await db
      .select({ label: auditEntries.actorLabel })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.update'), eq(auditEntries.entityId, a.id)))
    expect(audits).toEqual([{ label: `${ws.admin.username} (API)` }])
  })

  it('by filter, with a dry run that changes nothing', async () => {
    const u = await createTestUser(db, ws.tenantId, { fullName: 'Filter Target Zq' })
    const dry = await bulk({ filter: { q: 'filter target zq' }, set: { jobTitle: 'Lead' }, dryRun: true })
    expectAnswer(dry, 200, bulkEditUsersEndpoint.success.schema)
    expect(dry.body.data).toMatchObject({ dryRun: true, updated: 1, results: [{ id: u.id, outcome: 'updated' }] })
    expect((await db.select({ j: users.jobTitle }).from(users).where(eq(users.id, u.id)))[0]!.j).toBe('')
    const none = await bulk({ filter: { q: 'nobody has this zzqq' }, set: { jobTitle: 'Lead' } })
    expect(none.status).toBe(200)
    expect(none.body.data.results).toEqual([])
  })

  it('answers bad input with 400/422, no permission with 403, and never reaches another workspace', async () => {
    const theirs = await createTestUser(db, other.tenantId)
    expect((await bulk({ ids: [theirs.id], set: { department: 'X' } })).body.data).toMatchObject({
      updated: 0,
      results: [{ outcome: 'skipped', reason: 'This user no longer exists.' }],
    })
    expect((await db.select({ d: users.department }).from(users).where(eq(users.id, theirs.id)))[0]!.d).toBe('')
    expect((await bulk({ ids: [theirs.id], set: {} })).status).toBe(400)
    expect((await bulk({ set: { department: 'X' } })).status).toBe(400)
    expect((await bulk({ ids: [theirs.id], set: { status: 'gone' } })).status).toBe(422)
    expect((await bulk({ ids: [theirs.id], set: { role: 'Agent' } })).body.error.fields).toMatchObject({ profileId: expect.any(String) })
    expect((await callApi(POST, 'POST', '/api/v1/users/bulk', { token: admin, rawBody: '[1]' })).status).toBe(400)
    expect((await bulk({ ids: [theirs.id], set: { department: 'X' } }, supervisor)).status).toBe(403)
  })
})
