import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { profiles, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace } from '@/testing/fixtures'
import { loadSessionUser } from '@/lib/auth/session-user'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { createProfile, deleteProfile, updateProfile } from './manage-profiles'
import { listProfiles } from './list-profiles'

let db: Db
beforeAll(async () => {
  db = await getDb()
})
const adminOf = actorOf

describe('profiles', () => {
  it('narrow their role: a permission the role lacks is refused by the app and by the database', async () => {
    const ws = await createTestWorkspace(db)
    const refused = await createProfile(db, adminOf(ws), { name: 'Leads', role: 'Supervisor', permissions: ['users.read', 'users.delete'] })
    expect(refused.ok ? null : refused.fieldErrors.permissions).toMatch(/Supervisor doesn’t have users.delete/)
    expect((await createProfile(db, adminOf(ws), { name: 'Leads', role: 'Supervisor', permissions: ['users.read'] })).ok).toBe(true)
    await expect(
      db.insert(profiles).values({ tenantId: ws.tenantId, name: 'Sneaky', role: 'Agent', permissions: ['users.read'] }),
    ).rejects.toThrow()
    const dup = await createProfile(db, adminOf(ws), { name: 'LEADS', role: 'Agent' })
    expect(dup.ok ? null : dup.fieldErrors.name).toMatch(/has this name/)
  })

  it('a permission change reaches the profile’s users on their next request; the role can’t change', async () => {
    const ws = await createTestWorkspace(db)
    const made = await createProfile(db, adminOf(ws), { name: 'Readers', role: 'Supervisor', permissions: ['users.read', 'reports.read'] })
    if (!made.ok) throw new Error('create')
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor', profileId: made.id })
    const signedIn = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: supervisor.username, password: supervisor.password },
      { ip: null, userAgent: '' },
    )
    if (!signedIn.ok) throw new Error('sign-in')
    const claims = { userId: supervisor.id, tenantId: ws.tenantId, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId }
    const before = await loadSessionUser(db, claims)
    expect(before.ok && [...before.user.permissions].sort()).toEqual(['reports.read', 'users.read'])

    expect(
      (await updateProfile(db, adminOf(ws), { ...{ name: 'Readers', role: 'Supervisor', permissions: ['reports.read'] }, id: made.id })).ok,
    ).toBe(true)
    const after = await loadSessionUser(db, claims)
    expect(after.ok && [...after.user.permissions]).toEqual(['reports.read'])
    const roleChange = await updateProfile(db, adminOf(ws), { ...{ name: 'Readers', role: 'Agent', permissions: [] }, id: made.id })
    expect(roleChange.ok ? null : roleChange.fieldErrors.role).toMatch(/can’t change/)
  })

  it('deleting a profile in use is refused with the count, and after confirmation its users keep their role without it', async () => {
    const ws = await createTestWorkspace(db)
    const made = await createProfile(db, adminOf(ws), { name: 'Trainees', role: 'Agent' })
    if (!made.ok) throw new Error('create')
    const a = await createTestUser(db, ws.tenantId, { profileId: made.id })
    await createTestUser(db, ws.tenantId, { profileId: made.id })
    expect((await listProfiles(db, ws.tenantId)).find((p) => p.id === made.id)?.holders).toBe(2)
    expect(await deleteProfile(db, adminOf(ws), { id: made.id, reassign: false })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^2 users hold “Trainees”/),
    })
    expect(await deleteProfile(db, adminOf(ws), { id: made.id, reassign: true })).toMatchObject({
      ok: true,
      message: 'Profile “Trainees” deleted. 2 users now have no profile.',
    })
    expect((await db.select().from(users).where(eq(users.id, a.id)))[0]).toMatchObject({ profileId: null, role: 'Agent' })
  })

  it('need settings.manage and stay in their workspace', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const made = await createProfile(db, adminOf(ws), { name: 'Ours', role: 'Agent' })
    if (!made.ok) throw new Error('create')
    expect((await createProfile(db, adminOf(ws, 'Supervisor'), { name: 'X', role: 'Agent' })).ok).toBe(false)
    expect((await updateProfile(db, adminOf(other), { ...{ name: 'Theirs', role: 'Agent' }, id: made.id })).ok).toBe(false)
    expect((await deleteProfile(db, adminOf(other), { id: made.id, reassign: true })).ok).toBe(false)
    expect((await listProfiles(db, ws.tenantId)).map((p) => p.name)).toEqual(['Ours'])
  })
})
