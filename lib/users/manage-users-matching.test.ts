import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, users } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { MATCHING_BATCH, runBulkActionOnMatching } from './manage-users-matching'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const actorOf = (ws: TestWorkspace, permissions = effectivePermissions('Admin', null)): Actor => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: ws.admin.username,
  permissions,
})
const statuses = async (ids: string[]) =>
  Object.fromEntries((await db.select({ id: users.id, s: users.status }).from(users).where(inArray(users.id, ids))).map((r) => [r.id, r.s]))

describe('runBulkActionOnMatching', () => {
  it('deactivates exactly the users the view matches, past one batch, auditing each', async () => {
    const ws = await createTestWorkspace(db, 'match')
    const name = `Night ${Date.now()}`
    const matching = await Promise.all(
      Array.from({ length: MATCHING_BATCH + 5 }, () => createTestUser(db, ws.tenantId, { fullName: name })),
    )
    const others = await Promise.all([
      createTestUser(db, ws.tenantId),
      createTestUser(db, ws.tenantId, { role: 'Supervisor', fullName: name }),
    ])
    const query = new URLSearchParams([
      ['q', name],
      ['role', 'Agent'],
    ]).toString()
    const result = await runBulkActionOnMatching(db, actorOf(ws), { action: 'deactivate', query, expected: matching.length })
    expect(result).toEqual({ ok: true, changed: matching.length })
    const after = await statuses([...matching, ...others].map((u) => u.id))
    expect(matching.every((u) => after[u.id] === 'inactive')).toBe(true)
    expect(others.map((u) => after[u.id])).toEqual(['active', 'active'])
    const audited = await db
      .select({ id: auditEntries.entityId })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.deactivate')))
    expect(audited.length).toBe(matching.length)
  })

  it('does nothing when the view matches another number than the one confirmed', async () => {
    const ws = await createTestWorkspace(db, 'match')
    const u = await createTestUser(db, ws.tenantId)
    const result = await runBulkActionOnMatching(db, actorOf(ws), { action: 'deactivate', query: `q=${u.username}`, expected: 2 })
    expect(result).toMatchObject({ ok: false, reason: 'conflict' })
    expect(result.ok ? '' : result.formError).toContain('1 user matches this view now, not 2')
    expect((await statuses([u.id]))[u.id]).toBe('active')
  })

  it('refuses a view that includes the actor, or someone with more rights, before changing anyone', async () => {
    const ws = await createTestWorkspace(db, 'match')
    const agent = await createTestUser(db, ws.tenantId, { fullName: 'Zed Agent' })
    const self = await runBulkActionOnMatching(db, actorOf(ws), { action: 'delete', query: '', expected: 2 })
    expect(self).toMatchObject({ ok: false, reason: 'conflict' })
    // A supervisor's rights don't cover an admin, so the whole set is refused.
    const supervisor = actorOf(ws, new Set([...effectivePermissions('Supervisor', null), 'users.update'] as const))
    const outranked = await runBulkActionOnMatching(
      db,
      { ...supervisor, userId: agent.id },
      { action: 'deactivate', query: 'role=Admin', expected: 1 },
    )
    expect(outranked).toMatchObject({ ok: false, reason: 'not_found' })
    expect(Object.values(await statuses([agent.id, ws.admin.id]))).toEqual(['active', 'active'])
  })

  it('checks input and permission, and never reaches into another workspace', async () => {
    const ws = await createTestWorkspace(db, 'match')
    const other = await createTestWorkspace(db, 'match')
    const theirs = await createTestUser(db, other.tenantId)
    expect(await runBulkActionOnMatching(db, actorOf(ws), { action: 'explode', query: '', expected: 1 })).toMatchObject({
      reason: 'invalid',
    })
    expect(await runBulkActionOnMatching(db, actorOf(ws), { action: 'deactivate', query: '', expected: 'lots' })).toMatchObject({
      reason: 'invalid',
    })
    expect(
      await runBulkActionOnMatching(db, actorOf(ws, effectivePermissions('Supervisor', null)), {
        action: 'deactivate',
        query: '',
        expected: 1,
      }),
    ).toMatchObject({ reason: 'forbidden' })
    const result = await runBulkActionOnMatching(db, actorOf(ws), { action: 'deactivate', query: `q=${theirs.username}`, expected: 1 })
    expect(result).toMatchObject({ ok: false, reason: 'not_found' })
    expect((await statuses([theirs.id]))[theirs.id]).toBe('active')
  })
})
