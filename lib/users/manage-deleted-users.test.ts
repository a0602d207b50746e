import type { Actor } from '@/lib/auth/actor'
import { and, eq } from 'drizzle-orm'
import { wholeWorkspace } from '@/lib/auth/scope'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, extensions, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { effectivePermissions } from '@/lib/auth/permissions'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { runBulkAction } from './manage-users-bulk'
import { listDeletedUsers } from './list-deleted-users'
import { restoreUser } from './manage-deleted-users'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const actorOf = (ws: TestWorkspace, role: 'Admin' | 'Supervisor' = 'Admin'): Actor => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: ws.admin.username,
  permissions: effectivePermissions(role, null),
})
const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!

async function deletedUserWithExtension(ws: TestWorkspace, number: string) {
  const user = await createTestUser(db, ws.tenantId, { fullName: `Person ${number}` })
  const [ext] = await db.insert(extensions).values({ tenantId: ws.tenantId, number }).returning()
  await db.update(users).set({ extensionId: ext!.id }).where(eq(users.id, user.id))
  expect(
    await runBulkAction(
      db,
      { userId: ws.admin.id, tenantId: ws.tenantId, label: 'admin', permissions: effectivePermissions('Admin', null) },
      { action: 'delete', ids: [user.id] },
    ),
  ).toEqual({ ok: true, changed: 1 })
  return { user, ext: ext! }
}

describe('delete and restore', () => {
  it('delete frees the extension and stops sign-in; restore brings both back and is audited', async () => {
    const ws = await createTestWorkspace(db)
    const { user, ext } = await deletedUserWithExtension(ws, '601')
    expect(await row(user.id)).toMatchObject({ extensionId: null, deletedExtensionId: ext.id })
    expect(
      (await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, { ip: null, userAgent: '' }))
        .ok,
    ).toBe(false)
    const listed = await listDeletedUsers(db, wholeWorkspace(ws.tenantId), 1)
    expect(listed.rows.map((r) => [r.id, r.deletedBy])).toEqual([[user.id, ws.admin.username]])

    const result = await restoreUser(db, actorOf(ws), { id: user.id })
    expect(result).toEqual({ ok: true, message: `Person 601 is restored.` })
    expect(await row(user.id)).toMatchObject({ deletedAt: null, extensionId: ext.id, deletedExtensionId: null })
    expect(
      (await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, { ip: null, userAgent: '' }))
        .ok,
    ).toBe(true)
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, user.id)))
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.delete', 'user.restore']))
  })

  it('restores without the extension, saying so, when someone else took it', async () => {
    const ws = await createTestWorkspace(db)
    const { user, ext } = await deletedUserWithExtension(ws, '602')
    const taker = await createTestUser(db, ws.tenantId)
    await db.update(users).set({ extensionId: ext.id }).where(eq(users.id, taker.id))
    const result = await restoreUser(db, actorOf(ws), { id: user.id })
    expect(result).toEqual({
      ok: true,
      message: 'Person 602 is restored. Their extension 602 now belongs to someone else, so they have none.',
    })
    expect(await row(user.id)).toMatchObject({ deletedAt: null, extensionId: null })
  })

  it.each(['username', 'email'] as const)('refuses, changing nothing, when the %s was taken meanwhile', async (field) => {
    const ws = await createTestWorkspace(db)
    const { user } = await deletedUserWithExtension(ws, '603')
    const other = await createTestUser(db, ws.tenantId)
    const gone = await row(user.id)
    await db
      .update(users)
      .set(field === 'username' ? { username: gone.username } : { email: gone.email.toUpperCase() })
      .where(eq(users.id, other.id))
    const result = await restoreUser(db, actorOf(ws), { id: user.id })
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.formError).toMatch(field === 'username' ? /username/ : /email/)
    expect((await row(user.id)).deletedAt).not.toBeNull()
  })

  it('needs users.delete, and never touches another workspace’s or a live user', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const { user } = await deletedUserWithExtension(ws, '604')
    expect(await restoreUser(db, actorOf(ws, 'Supervisor'), { id: user.id })).toMatchObject({
      ok: false,
      formError: 'You don’t have permission to do that.',
    })
    expect(await restoreUser(db, actorOf(other), { id: user.id })).toMatchObject({
      ok: false,
      formError: 'That user is not in the deleted users.',
      reason: 'not_found',
    })
    expect(await restoreUser(db, actorOf(ws), { id: ws.admin.id })).toMatchObject({
      ok: false,
      formError: 'That user is not in the deleted users.',
      reason: 'not_found',
    })
    expect(await restoreUser(db, actorOf(ws), { id: 'not-an-id' })).toMatchObject({
      ok: false,
      formError: 'That user is not in the deleted users.',
      reason: 'not_found',
    })
    expect((await row(user.id)).deletedAt).not.toBeNull()
  })
})
