import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { extensions, groups, profiles, userGroups, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'

let db: Db
let ws: TestWorkspace
beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db)
})

async function searchText(userId: string) {
  const [row] = await db
    .select({ t: users.searchText })
    .from(users)
    .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, userId)))
  return row!.t
}

describe('users.search_text stays current (database triggers)', () => {
  it('covers name, email, username and notes, lower-cased, on insert and update', async () => {
    const user = await createTestUser(db, ws.tenantId, { fullName: 'Zoë MacKenzie' })
    expect(await searchText(user.id)).toContain('zoë mackenzie')
    expect(await searchText(user.id)).toContain(user.email.toLowerCase())
    expect(await searchText(user.id)).toContain(user.username)
    await db
      .update(users)
      .set({ notes: 'Speaks FRENCH' })
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, user.id)))
    expect(await searchText(user.id)).toContain('speaks french')
  })

  it('follows the extension, the profile and the groups, and their renames', async () => {
    const user = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
    const where = and(eq(users.tenantId, ws.tenantId), eq(users.id, user.id))
    const [ext] = await db.insert(extensions).values({ tenantId: ws.tenantId, number: '4711' }).returning()
    const [profile] = await db
      .insert(profiles)
      .values({ tenantId: ws.tenantId, role: 'Supervisor', name: 'Night Leads', permissions: [] })
      .returning()
    const [g1] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Tier Two' }).returning()
    const [g2] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Billing Desk' }).returning()
    await db.update(users).set({ extensionId: ext!.id, profileId: profile!.id }).where(where)
    await db.insert(userGroups).values([
      { tenantId: ws.tenantId, userId: user.id, groupId: g1!.id },
      { tenantId: ws.tenantId, userId: user.id, groupId: g2!.id },
    ])
    let text = await searchText(user.id)
    for (const part of ['4711', 'night leads', 'tier two', 'billing desk']) expect(text).toContain(part)

    await db
      .update(extensions)
      .set({ number: '4812' })
      .where(and(eq(extensions.tenantId, ws.tenantId), eq(extensions.id, ext!.id)))
    await db
      .update(profiles)
      .set({ name: 'Late Leads' })
      .where(and(eq(profiles.tenantId, ws.tenantId), eq(profiles.id, profile!.id)))
    await db
      .update(groups)
      .set({ name: 'Tier Three' })
      .where(and(eq(groups.tenantId, ws.tenantId), eq(groups.id, g1!.id)))
    await db.delete(userGroups).where(and(eq(userGroups.tenantId, ws.tenantId), eq(userGroups.groupId, g2!.id)))
    text = await searchText(user.id)
    for (const part of ['4812', 'late leads', 'tier three']) expect(text).toContain(part)
    for (const gone of ['4711', 'night leads', 'tier two', 'billing desk']) expect(text).not.toContain(gone)

    await db.delete(groups).where(and(eq(groups.tenantId, ws.tenantId), eq(groups.id, g1!.id)))
    await db.update(users).set({ extensionId: null, profileId: null }).where(where)
    text = await searchText(user.id)
    for (const gone of ['4812', 'late leads', 'tier three']) expect(text).not.toContain(gone)
  })
})
