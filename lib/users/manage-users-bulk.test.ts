import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, extensions, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { loadSessionUser } from '@/lib/auth/session-user'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { effectivePermissions } from '@/lib/auth/permissions'
import type { Actor } from '@/lib/auth/actor'
import { runBulkAction } from './manage-users-bulk'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const actorOf = (ws: TestWorkspace): Actor => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: ws.admin.username,
  permissions: effectivePermissions('Admin', null),
})
async function rows(ws: TestWorkspace, ids: string[]) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, ws.tenantId), inArray(users.id, ids)))
}

describe('applyBulkAction', () => {
  it('deactivates several users, ends their sessions, audits each, and activates them again', async () => {
    const ws = await createTestWorkspace(db)
    const a = await createTestUser(db, ws.tenantId)
    const b = await createTestUser(db, ws.tenantId)
    const signedIn = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: a.username, password: a.password },
      { ip: null, userAgent: '' },
    )
    if (!signedIn.ok) throw new Error('sign-in failed')

    expect(await runBulkAction(db, actorOf(ws), { action: 'deactivate', ids: [a.id, b.id] })).toEqual({ ok: true, changed: 2 })
    expect((await rows(ws, [a.id, b.id])).map((r) => r.status)).toEqual(['inactive', 'inactive'])
    const claims = { userId: a.id, tenantId: ws.tenantId, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId }
    expect((await loadSessionUser(db, claims)).ok).toBe(false)
    const [session] = await db.select().from(dashboardSessions).where(eq(dashboardSessions.id, signedIn.sessionId))
    expect(session?.endReason).toBe('deactivated')
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.deactivate')))
    expect(audit.map((e) => e.entityId).sort()).toEqual([a.id, b.id].sort())

    expect(await runBulkAction(db, actorOf(ws), { action: 'activate', ids: [a.id, b.id] })).toEqual({ ok: true, changed: 2 })
    expect((await rows(ws, [a.id])).map((r) => r.status)).toEqual(['active'])
    // Already active: nothing to change, nothing audited.
    expect(await runBulkAction(db, actorOf(ws), { action: 'activate', ids: [a.id] })).toEqual({ ok: true, changed: 0 })
  })

  it('soft-deletes: the user leaves the list, frees the extension and can sign in no more', async () => {
    const ws = await createTestWorkspace(db)
    const u = await createTestUser(db, ws.tenantId)
    const [ext] = await db.insert(extensions).values({ tenantId: ws.tenantId, number: '777' }).returning()
    await db
      .update(users)
      .set({ extensionId: ext!.id, forceLogin: true })
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, u.id)))
    expect(await runBulkAction(db, actorOf(ws), { action: 'delete', ids: [u.id] })).toEqual({ ok: true, changed: 1 })
    const [row] = await rows(ws, [u.id])
    expect(row).toMatchObject({ extensionId: null, forceLogin: false, deletedBy: ws.admin.id })
    expect(row?.deletedAt).not.toBeNull()
    expect(
      (await verifyCredentials(db, { workspace: ws.slug, identifier: u.username, password: u.password }, { ip: null, userAgent: '' })).ok,
    ).toBe(false)
    // Deleting again finds nobody.
    expect(await runBulkAction(db, actorOf(ws), { action: 'delete', ids: [u.id] })).toMatchObject({
      ok: false,
      formError: 'None of those users exist any more.',
      reason: 'not_found',
    })
  })

  it('refuses to deactivate or delete yourself', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestUser(db, ws.tenantId)
    for (const action of ['deactivate', 'delete'] as const) {
      const result = await runBulkAction(db, actorOf(ws), { action: action, ids: [other.id, ws.admin.id] })
      expect(result.ok).toBe(false)
    }
    expect((await rows(ws, [other.id]))[0]?.status).toBe('active')
  })

  it('keeps at least one active admin, all or nothing', async () => {
    const ws = await createTestWorkspace(db)
    const second = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const agent = await createTestUser(db, ws.tenantId)
    // The second admin acting alone on the first admin and an agent: allowed (the actor stays).
    const bySecond: Actor = {
      userId: second.id,
      tenantId: ws.tenantId,
      label: second.username,
      permissions: effectivePermissions('Admin', null),
    }
    expect(await runBulkAction(db, bySecond, { action: 'deactivate', ids: [ws.admin.id, agent.id] })).toEqual({ ok: true, changed: 2 })
    // Now only `second` is an active admin: the first admin (inactive) can't remove them... and nobody removes the last one.
    const byFirst: Actor = actorOf(ws)
    const result = await runBulkAction(db, byFirst, { action: 'delete', ids: [second.id] })
    expect(result).toMatchObject({ ok: false, formError: 'The workspace must keep at least one active admin. Leave one out.' })
    expect((await rows(ws, [second.id]))[0]?.deletedAt).toBeNull()
  })

  it("never touches another workspace's users, whatever ids it is given", async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const theirs = await createTestUser(db, other.tenantId)
    expect(await runBulkAction(db, actorOf(ws), { action: 'delete', ids: [theirs.id] })).toMatchObject({
      ok: false,
      formError: 'None of those users exist any more.',
      reason: 'not_found',
    })
    const [row] = await db.select().from(users).where(eq(users.id, theirs.id))
    expect(row?.deletedAt).toBeNull()
  })

  it('checks the permission and the input of the caller', async () => {
    const ws = await createTestWorkspace(db)
    const target = await createTestUser(db, ws.tenantId)
    const supervisor = {
      userId: crypto.randomUUID(),
      tenantId: ws.tenantId,
      label: 'sup',
      permissions: effectivePermissions('Supervisor', null),
    }
    for (const action of ['activate', 'deactivate', 'delete']) {
      expect(await runBulkAction(db, supervisor, { action, ids: [target.id] })).toMatchObject({
        ok: false,
        reason: 'forbidden',
        formError: 'You don’t have permission to do that.',
      })
    }
    // An admin whose profile allows updates but not deletes.
    const narrowAdmin = {
      userId: ws.admin.id,
      tenantId: ws.tenantId,
      label: 'x',
      permissions: effectivePermissions('Admin', ['users.read', 'users.update']),
    }
    expect((await runBulkAction(db, narrowAdmin, { action: 'delete', ids: [target.id] })).ok).toBe(false)
    expect(await runBulkAction(db, narrowAdmin, { action: 'deactivate', ids: [target.id] })).toEqual({ ok: true, changed: 1 })

    const admin = { userId: ws.admin.id, tenantId: ws.tenantId, label: 'a', permissions: effectivePermissions('Admin', null) }
    for (const bad of [
      { action: 'purge', ids: [target.id] },
      { action: 'delete', ids: [] },
      { action: 'delete', ids: ["1' OR 1=1"] },
      { action: 'delete', ids: 'x' },
      {},
    ]) {
      expect((await runBulkAction(db, admin, bad as { action: unknown; ids: unknown })).ok).toBe(false)
    }
    expect((await rows(ws, [target.id]))[0]?.deletedAt).toBeNull()
  })
})
