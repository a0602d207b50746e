import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from './client'
import { apiTokens, extensions, groups, profiles, userGroups, users } from './schema'
import { createTestUser, createTestWorkspace, softDeleteUser, type TestWorkspace } from '@/testing/fixtures'
import { isCheckViolation, isForeignKeyViolation, isUniqueViolation } from '@/db/errors'

let db: Db
let a: TestWorkspace
let b: TestWorkspace

beforeAll(async () => {
  db = await getDb()
  a = await createTestWorkspace(db, 'iso-a')
  b = await createTestWorkspace(db, 'iso-b')
})

async function rejects(promise: Promise<unknown>, check: (e: unknown) => boolean) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'the database accepted it').not.toBeNull()
  expect(check(error), String(error)).toBe(true)
}

describe('composite tenant keys', () => {
  it("refuse a user pointing at another workspace's extension", async () => {
    const [extB] = await db.insert(extensions).values({ tenantId: b.tenantId, number: '501' }).returning()
    const user = await createTestUser(db, a.tenantId)
    await rejects(
      db
        .update(users)
        .set({ extensionId: extB!.id })
        .where(and(eq(users.tenantId, a.tenantId), eq(users.id, user.id))),
      (e) => isForeignKeyViolation(e, 'users_extension_fk'),
    )
    // The same extension number is fine in each workspace, and in-workspace links work.
    const [extA] = await db.insert(extensions).values({ tenantId: a.tenantId, number: '501' }).returning()
    await db
      .update(users)
      .set({ extensionId: extA!.id })
      .where(and(eq(users.tenantId, a.tenantId), eq(users.id, user.id)))
  })

  it("refuse another workspace's profile and group, and a profile of another role", async () => {
    const [profB] = await db.insert(profiles).values({ tenantId: b.tenantId, role: 'Agent', name: 'B agents' }).returning()
    const [profA] = await db
      .insert(profiles)
      .values({ tenantId: a.tenantId, role: 'Supervisor', name: 'A leads', permissions: ['users.read'] })
      .returning()
    const [groupB] = await db.insert(groups).values({ tenantId: b.tenantId, name: 'B group' }).returning()
    const user = await createTestUser(db, a.tenantId, { role: 'Agent' })
    const where = and(eq(users.tenantId, a.tenantId), eq(users.id, user.id))
    await rejects(db.update(users).set({ profileId: profB!.id }).where(where), (e) => isForeignKeyViolation(e, 'users_profile_fk'))
    await rejects(db.update(users).set({ profileId: profA!.id }).where(where), (e) => isForeignKeyViolation(e, 'users_profile_fk'))
    await db.update(users).set({ role: 'Supervisor', profileId: profA!.id }).where(where)
    // Changing the role away from the profile's is refused too.
    await rejects(db.update(users).set({ role: 'Agent' }).where(where), (e) => isForeignKeyViolation(e, 'users_profile_fk'))
    await rejects(db.insert(userGroups).values({ tenantId: a.tenantId, userId: user.id, groupId: groupB!.id }), (e) =>
      isForeignKeyViolation(e, 'user_groups_group_fk'),
    )
  })

  it("refuse an API token for another workspace's user", async () => {
    await rejects(
      db.insert(apiTokens).values({ tenantId: a.tenantId, userId: b.admin.id, name: 'x', tokenHash: 'h', prefix: 'sb_x' }),
      (e) => isForeignKeyViolation(e, 'api_tokens_user_fk'),
    )
  })

  it('refuse a profile with permissions beyond its role', async () => {
    await rejects(
      db.insert(profiles).values({ tenantId: a.tenantId, role: 'Supervisor', name: 'Too wide', permissions: ['users.delete'] }),
      (e) => isCheckViolation(e, 'profiles_permissions_subset_of_role'),
    )
  })
})

describe('uniqueness per workspace among users that are not deleted', () => {
  it('treats email case-insensitively and frees names when a user is deleted', async () => {
    const user = await createTestUser(db, a.tenantId)
    const clash = { tenantId: a.tenantId, fullName: 'Clash', passwordHash: 'x' }
    await rejects(db.insert(users).values({ ...clash, username: `${user.username}x`, email: user.email.toUpperCase() }), (e) =>
      isUniqueViolation(e, 'users_tenant_email_key'),
    )
    await rejects(db.insert(users).values({ ...clash, username: user.username, email: `other.${user.email}` }), (e) =>
      isUniqueViolation(e, 'users_tenant_username_key'),
    )
    // Another workspace may use the same username and email.
    await db.insert(users).values({ ...clash, tenantId: b.tenantId, username: user.username, email: user.email })
    await softDeleteUser(db, a.tenantId, user.id)
    await db.insert(users).values({ ...clash, username: user.username, email: user.email })
  })

  it('refuses malformed usernames and force login without an extension', async () => {
    const base = { tenantId: a.tenantId, fullName: 'Bad', passwordHash: 'x', email: `bad.${Date.now()}@example.test` }
    await rejects(db.insert(users).values({ ...base, username: 'Has Spaces' }), (e) => isCheckViolation(e, 'users_username_format'))
    await rejects(db.insert(users).values({ ...base, username: `ok.${Date.now()}`, forceLogin: true }), (e) =>
      isCheckViolation(e, 'users_force_login_needs_extension'),
    )
  })
})
