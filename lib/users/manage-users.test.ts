import type { Actor } from '@/lib/auth/actor'
import { and, eq, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, extensions, groups, profiles, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { effectivePermissions } from '@/lib/auth/permissions'
import { loadSessionUser } from '@/lib/auth/session-user'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { listUsers } from './list-users'
import { parseUserListParams } from './list-params'
import { loadUserForEdit } from './load-user-for-edit'
import { wholeWorkspace } from '@/lib/auth/scope'
import { createUser, updateUser } from './manage-users'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const PASSWORD = 'violet-harbour-42-kettle'
const adminOf = (ws: TestWorkspace): Actor => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: ws.admin.username,
  permissions: effectivePermissions('Admin', null),
})
const fields = (over: Record<string, unknown> = {}) => ({
  fullName: 'Grace Hopper',
  email: 'grace@calls.example',
  username: 'grace.h',
  role: 'Agent',
  status: 'active',
  ...over,
})
async function extension(ws: TestWorkspace, number: string, type: 'SIP' | 'WebRTC' = 'WebRTC') {
  const [row] = await db.insert(extensions).values({ tenantId: ws.tenantId, number, type }).returning()
  return row!
}

describe('createUser', () => {
  it('creates a user with every field, groups and the extension type, and audits it without the password', async () => {
    const ws = await createTestWorkspace(db)
    const ext = await extension(ws, '401')
    const [profile] = await db
      .insert(profiles)
      .values({ tenantId: ws.tenantId, role: 'Supervisor', name: 'Night leads', permissions: ['users.read'] })
      .returning()
    const [group] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Night shift' }).returning()
    const result = await createUser(db, adminOf(ws), {
      ...fields({
        role: 'Supervisor',
        profileId: profile!.id,
        notes: 'Covers nights',
        jobTitle: 'Team lead',
        department: 'Support',
        mobile: '+44 7911 123456',
        hideFromDirectory: true,
        extensionId: ext.id,
        extensionType: 'SIP',
        forceLogin: true,
        groupIds: [group!.id],
        username: ' Grace.H ',
      }),
      password: PASSWORD,
    })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const saved = await loadUserForEdit(db, wholeWorkspace(ws.tenantId), result.id)
    expect(saved).toMatchObject({
      username: 'grace.h',
      mobile: '+447911123456',
      extensionId: ext.id,
      extensionType: 'SIP',
      forceLogin: true,
      hideFromDirectory: true,
      profileId: profile!.id,
      groupIds: [group!.id],
      version: 1,
    })
    const signIn = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: 'grace.h', password: PASSWORD },
      { ip: null, userAgent: '' },
    )
    expect(signIn.ok).toBe(true)
    const [entry] = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, result.id)))
    expect(entry?.action).toBe('user.create')
    expect(JSON.stringify(entry)).not.toContain(PASSWORD)
    expect(JSON.stringify(entry)).not.toContain('argon2')
    // The new user is searchable by their group's name at once.
    const found = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'night shi' }))
    expect(found.rows.map((r) => r.id)).toEqual([result.id])
  })

  it.each([
    ['an empty full name', { fullName: ' ' }, 'fullName', /full name/],
    ['a bad email', { email: 'grace@' }, 'email', /valid email/],
    ['a username with capitals inside and spaces', { username: 'gr ace' }, 'username', /3 to 32/],
    ['a 2-character username', { username: 'gh' }, 'username', /3 to 32/],
    ['a mobile that is not E.164', { mobile: '07911 123456' }, 'mobile', /international format/],
    ['a mobile that does not exist', { mobile: '+1 000 000 0000' }, 'mobile', /international format/],
    ['an unknown role', { role: 'Root' }, 'role', /role/i],
    ['force login without an extension', { forceLogin: true }, 'forceLogin', /needs an extension/],
    ['a group id that is not an id', { groupIds: ['nope'] }, 'groupIds', /groups/],
  ])('refuses %s, next to the field', async (_name, over, field, message) => {
    const ws = await createTestWorkspace(db)
    const result = await createUser(db, adminOf(ws), { ...fields(over), password: PASSWORD })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.fieldErrors[field as keyof typeof result.fieldErrors]).toMatch(message)
    expect(
      await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, ws.tenantId), eq(users.username, 'grace.h'))),
    ).toHaveLength(0)
  })

  it.each([
    ['too short', 'short-pass', /at least 12/],
    ['containing the username', 'xx-grace.h-xx-yy', /username/],
    ['a common password', 'qwerty123456', /too common/],
    ['missing', '', /Set a password/],
  ])('refuses a password %s', async (_name, password, message) => {
    const ws = await createTestWorkspace(db)
    const result = await createUser(db, adminOf(ws), { ...fields(), password: password })
    expect(result.ok ? null : result.fieldErrors.password).toMatch(message)
  })

  it('refuses a taken username or email (any case), a profile of another role, a taken or foreign extension', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const existing = await createTestUser(db, ws.tenantId)
    const held = await extension(ws, '402')
    await db.update(users).set({ extensionId: held.id }).where(eq(users.id, existing.id))
    const foreign = await extension(other, '403')
    const [agentProfile] = await db
      .insert(profiles)
      .values({ tenantId: ws.tenantId, role: 'Agent', name: 'Trainees', permissions: [] })
      .returning()

    const dup = await createUser(db, adminOf(ws), {
      ...fields({ username: existing.username, email: existing.email.toUpperCase() }),
      password: PASSWORD,
    })
    expect(dup.ok ? null : dup.fieldErrors).toEqual({
      username: expect.stringMatching(/taken/),
      email: expect.stringMatching(/has this email/),
    })
    const wrongRole = await createUser(db, adminOf(ws), {
      ...fields({ role: 'Supervisor', profileId: agentProfile!.id }),
      password: PASSWORD,
    })
    expect(wrongRole.ok ? null : wrongRole.fieldErrors.profileId).toMatch(/Supervisor role/)
    const taken = await createUser(db, adminOf(ws), { ...fields({ extensionId: held.id }), password: PASSWORD })
    expect(taken.ok ? null : taken.fieldErrors.extensionId).toMatch(/belongs to/)
    const crossTenant = await createUser(db, adminOf(ws), { ...fields({ extensionId: foreign.id }), password: PASSWORD })
    expect(crossTenant.ok ? null : crossTenant.fieldErrors.extensionId).toMatch(/from the list/)
  })

  it('a deleted user’s username and email can be used again', async () => {
    const ws = await createTestWorkspace(db)
    const gone = await createTestUser(db, ws.tenantId)
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone.id))
    const result = await createUser(db, adminOf(ws), { ...fields({ username: gone.username, email: gone.email }), password: PASSWORD })
    expect(result.ok).toBe(true)
  })

  it('two admins creating the same username at the same moment: exactly one user, and a field error for the other', async () => {
    const ws = await createTestWorkspace(db)
    const results = await Promise.all([
      createUser(db, adminOf(ws), { ...fields({ email: 'one@calls.example' }), password: PASSWORD }),
      createUser(db, adminOf(ws), { ...fields({ email: 'two@calls.example' }), password: PASSWORD }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const refused = results.find((r) => !r.ok)
    expect(refused && !refused.ok ? refused.fieldErrors.username : null).toMatch(/taken/)
    expect(
      await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, ws.tenantId), eq(users.username, 'grace.h'), isNull(users.deletedAt))),
    ).toHaveLength(1)
  })

  it('needs users.create: a supervisor is refused and nothing is written', async () => {
    const ws = await createTestWorkspace(db)
    const supervisor = { ...adminOf(ws), permissions: effectivePermissions('Supervisor', null) }
    const result = await createUser(db, supervisor, { ...fields(), password: PASSWORD })
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/permission/) })
    expect(
      await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, ws.tenantId), eq(users.username, 'grace.h'))),
    ).toHaveLength(0)
  })
})

describe('updateUser', () => {
  async function setup() {
    const ws = await createTestWorkspace(db)
    const created = await createUser(db, adminOf(ws), { ...fields(), password: PASSWORD })
    if (!created.ok) throw new Error('create failed')
    return { ws, id: created.id }
  }
  const current = async (ws: TestWorkspace, id: string) => (await loadUserForEdit(db, wholeWorkspace(ws.tenantId), id))!

  it('saves the changes, bumps the version, and audits the changed fields before → after', async () => {
    const { ws, id } = await setup()
    const result = await updateUser(db, adminOf(ws), {
      ...fields({ fullName: 'Grace B. Hopper', department: 'Research' }),
      id: id,
      version: 1,
    })
    expect(result).toEqual({ ok: true, id })
    expect(await current(ws, id)).toMatchObject({ fullName: 'Grace B. Hopper', department: 'Research', version: 2 })
    const [entry] = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.update')))
    expect(entry?.before).toEqual({ fullName: 'Grace Hopper', department: '' })
    expect(entry?.after).toEqual({ fullName: 'Grace B. Hopper', department: 'Research' })
  })

  it('refuses a save based on an old version, changes nothing, and returns the current values', async () => {
    const { ws, id } = await setup()
    expect((await updateUser(db, adminOf(ws), { ...fields({ jobTitle: 'First' }), id: id, version: 1 })).ok).toBe(true)
    const stale = await updateUser(db, adminOf(ws), { ...fields({ jobTitle: 'Second' }), id: id, version: 1 })
    expect(stale).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Someone else changed this user/),
      current: { jobTitle: 'First', version: 2 },
    })
    expect((await current(ws, id)).jobTitle).toBe('First')
    expect((await updateUser(db, adminOf(ws), { ...fields(), id: id, version: 'x' })).ok).toBe(false)
  })

  it('a new password follows the policy, ends the user’s sessions, and is audited without the password', async () => {
    const { ws, id } = await setup()
    const signedIn = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: 'grace.h', password: PASSWORD },
      { ip: null, userAgent: '' },
    )
    if (!signedIn.ok) throw new Error('sign-in failed')
    const weak = await updateUser(db, adminOf(ws), { ...fields(), id: id, version: 1, password: 'password1234' })
    expect(weak.ok ? null : weak.fieldErrors.password).toMatch(/too common/)

    const NEW = 'amber-lantern-77-orchard'
    expect((await updateUser(db, adminOf(ws), { ...fields(), id: id, version: 1, password: NEW })).ok).toBe(true)
    const claims = { userId: id, tenantId: ws.tenantId, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId }
    expect(await loadSessionUser(db, claims)).toEqual({ ok: false, reason: expect.any(String) })
    const [session] = await db.select().from(dashboardSessions).where(eq(dashboardSessions.id, signedIn.sessionId))
    expect(session?.endReason).toBe('password-changed')
    expect(
      (await verifyCredentials(db, { workspace: ws.slug, identifier: 'grace.h', password: NEW }, { ip: null, userAgent: '' })).ok,
    ).toBe(true)
    const entries = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, id)))
    expect(entries.map((e) => e.action)).toContain('user.password_change')
    expect(JSON.stringify(entries)).not.toContain(NEW)
  })

  it('setting another user’s password needs users.password', async () => {
    const { ws, id } = await setup()
    const narrowed = {
      ...adminOf(ws),
      permissions: new Set([...effectivePermissions('Admin', null)].filter((p) => p !== 'users.password')),
    }
    const result = await updateUser(db, narrowed, { ...fields(), id: id, version: 1, password: 'amber-lantern-77-orchard' })
    expect(result.ok ? null : result.fieldErrors.password).toMatch(/permission/)
    expect((await current(ws, id)).version).toBe(1)
    // One's own password changes in My account (with the current one), not here.
    const self = (await loadUserForEdit(db, wholeWorkspace(ws.tenantId), ws.admin.id))!
    const own = await updateUser(db, adminOf(ws), {
      ...{ ...self, extensionId: '', profileId: '' },
      id: ws.admin.id,
      version: self.version,
      password: 'amber-lantern-77-orchard',
    })
    expect(own.ok ? null : own.fieldErrors.password).toMatch(/My account/)
  })

  it('deactivating ends the sessions; nobody deactivates themselves; the last active admin can’t be demoted or deactivated', async () => {
    const { ws, id } = await setup()
    const signedIn = await verifyCredentials(
      db,
      { workspace: ws.slug, identifier: 'grace.h', password: PASSWORD },
      { ip: null, userAgent: '' },
    )
    if (!signedIn.ok) throw new Error('sign-in failed')
    expect((await updateUser(db, adminOf(ws), { ...fields({ status: 'inactive' }), id: id, version: 1 })).ok).toBe(true)
    const [session] = await db.select().from(dashboardSessions).where(eq(dashboardSessions.id, signedIn.sessionId))
    expect(session?.endReason).toBe('deactivated')

    const self = await loadUserForEdit(db, wholeWorkspace(ws.tenantId), ws.admin.id)
    const selfFields = { ...self!, extensionId: '', profileId: '' }
    const deactivateSelf = await updateUser(db, adminOf(ws), {
      ...{ ...selfFields, status: 'inactive' },
      id: ws.admin.id,
      version: self!.version,
    })
    expect(deactivateSelf.ok ? null : deactivateSelf.fieldErrors.status).toMatch(/yourself/)
    const demoteSelf = await updateUser(db, adminOf(ws), {
      ...{ ...selfFields, role: 'Supervisor' },
      id: ws.admin.id,
      version: self!.version,
    })
    expect(demoteSelf.ok ? null : demoteSelf.fieldErrors.role).toMatch(/at least one active admin/)

    // With a second active admin, the first still can't step down themselves (nobody changes their own role), but the second may demote them.
    const second = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const stepDown = await updateUser(db, adminOf(ws), {
      ...{ ...selfFields, role: 'Supervisor' },
      id: ws.admin.id,
      version: self!.version,
    })
    expect(stepDown.ok ? null : stepDown.fieldErrors.role).toBe('You can’t change your own role.')
    const secondAdmin: Actor = { ...adminOf(ws), userId: second.id, label: second.username }
    expect(
      (await updateUser(db, secondAdmin, { ...{ ...selfFields, role: 'Supervisor' }, id: ws.admin.id, version: self!.version })).ok,
    ).toBe(true)
    const lastOne = await loadUserForEdit(db, wholeWorkspace(ws.tenantId), second.id)
    const demoteLast = await updateUser(db, secondAdmin, {
      ...{ ...lastOne!, extensionId: '', profileId: '', role: 'Agent' },
      id: second.id,
      version: lastOne!.version,
    })
    expect(demoteLast.ok ? null : demoteLast.fieldErrors.role).toMatch(/at least one active admin/)
  })

  it('another workspace’s user is not found, and a supervisor can’t edit', async () => {
    const { ws, id } = await setup()
    const other = await createTestWorkspace(db)
    const foreign = await updateUser(db, adminOf(other), { ...fields({ fullName: 'Hijacked' }), id: id, version: 1 })
    expect(foreign).toMatchObject({ ok: false, formError: 'This user no longer exists.' })
    const supervisor = { ...adminOf(ws), permissions: effectivePermissions('Supervisor', null) }
    expect(await updateUser(db, supervisor, { ...fields({ fullName: 'Hijacked' }), id: id, version: 1 })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/permission/),
    })
    expect((await current(ws, id)).fullName).toBe('Grace Hopper')
  })

  it('moves the user to another extension, frees the old one, and keeps force login only with one', async () => {
    const { ws, id } = await setup()
    const a = await extension(ws, '501')
    const b = await extension(ws, '502', 'SIP')
    expect((await updateUser(db, adminOf(ws), { ...fields({ extensionId: a.id, forceLogin: true }), id: id, version: 1 })).ok).toBe(true)
    expect(
      (await updateUser(db, adminOf(ws), { ...fields({ extensionId: b.id, extensionType: 'SIP', forceLogin: true }), id: id, version: 2 }))
        .ok,
    ).toBe(true)
    const other = await createUser(db, adminOf(ws), {
      ...fields({ username: 'ada.l', email: 'ada@calls.example', extensionId: a.id }),
      password: PASSWORD,
    })
    expect(other.ok).toBe(true)
    const dropped = await updateUser(db, adminOf(ws), { ...fields({ extensionId: '', forceLogin: true }), id: id, version: 3 })
    expect(dropped.ok ? null : dropped.fieldErrors.forceLogin).toMatch(/needs an extension/)
  })
})
