import { effectivePermissions } from '@/lib/auth/permissions'
import { and, eq } from 'drizzle-orm'
import { wholeWorkspace } from '@/lib/auth/scope'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { createTestUser, createTestWorkspace } from '@/testing/fixtures'
import { loadUserFormOptions } from './form-options'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

describe('extensions.user_id follows users.extension_id', () => {
  it('on insert, move, swap, release and delete; the form lists own + free only', async () => {
    const ws = await createTestWorkspace(db)
    const [a, b, c] = await db
      .insert(extensions)
      .values(['300', '2000', '1001'].map((number) => ({ tenantId: ws.tenantId, number })))
      .returning()
    const holder = async (id: string) => (await db.select({ u: extensions.userId }).from(extensions).where(eq(extensions.id, id)))[0]!.u
    const one = await createTestUser(db, ws.tenantId)
    const two = await createTestUser(db, ws.tenantId)

    await db.update(users).set({ extensionId: a!.id }).where(eq(users.id, one.id))
    expect(await holder(a!.id)).toBe(one.id)
    await db.update(users).set({ extensionId: b!.id }).where(eq(users.id, two.id))
    // A sign-in style update doesn't touch the extension.
    await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, one.id))
    expect(await holder(a!.id)).toBe(one.id)

    // Swap (through no extension: the unique index checks each row).
    await db.update(users).set({ extensionId: null }).where(eq(users.id, two.id))
    await db.update(users).set({ extensionId: b!.id }).where(eq(users.id, one.id))
    await db.update(users).set({ extensionId: a!.id }).where(eq(users.id, two.id))
    expect([await holder(a!.id), await holder(b!.id)]).toEqual([two.id, one.id])

    const options = await loadUserFormOptions(db, { ...wholeWorkspace(ws.tenantId), permissions: ADMIN_RIGHTS }, one.id)
    expect(options.extensions.map((e) => e.number)).toEqual(['2000', '1001'])
    expect(
      (await loadUserFormOptions(db, { ...wholeWorkspace(ws.tenantId), permissions: ADMIN_RIGHTS }, null)).extensions.map((e) => e.number),
    ).toEqual(['1001'])

    await db.update(users).set({ extensionId: null }).where(eq(users.id, one.id))
    expect(await holder(b!.id)).toBeNull()
    await db.delete(users).where(and(eq(users.tenantId, ws.tenantId), eq(users.id, two.id)))
    expect(await holder(a!.id)).toBeNull()
    expect(
      (await loadUserFormOptions(db, { ...wholeWorkspace(ws.tenantId), permissions: ADMIN_RIGHTS }, null)).extensions.map((e) => e.number),
    ).toEqual(['300', '1001', '2000'])
    expect(await holder(c!.id)).toBeNull()
  })
})
const ADMIN_RIGHTS = effectivePermissions('Admin', null)
