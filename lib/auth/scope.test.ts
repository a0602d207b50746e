/**
 * Team scope (issue 22) against the real database: a supervisor and an admin
 * whose profiles are scoped to the groups they manage (group A) see and act on
 * A's members only, everywhere users are read or changed; B's member is absent.
 */
import Papa from 'papaparse'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { groupManagers, profiles, userGroups, users } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { exportRows } from '@/lib/exports/export-rows'
import { addGroupManager, removeGroupManager } from '@/lib/groups/manage-group-managers'
import { addGroupMember, createGroup, removeGroupMember } from '@/lib/groups/manage-groups'
import { readTableFile } from '@/lib/imports/read-table-file'
import { createProfile, updateProfile } from '@/lib/profiles/manage-profiles'
import { reportRange, userActivity } from '@/lib/reports/user-activity'
import { signedInBoard } from '@/lib/sessions/list-signed-in'
import { findUser } from '@/lib/users/find-user'
import { loadUserFormOptions } from '@/lib/users/form-options'
import { planUserImport } from '@/lib/users/import-users'
import { loadFilterOptions } from '@/lib/users/list-filter-options'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { bulkEditUsers } from '@/lib/users/manage-users-bulk-edit'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { runBulkActionOnMatching } from '@/lib/users/manage-users-matching'
import { createUser, updateUser } from '@/lib/users/manage-users'
import { viewUser } from '@/lib/users/view-user'
import { actorOf, createTestUser, createTestWorkspace, type TestUser, type TestWorkspace } from '@/testing/fixtures'
import { SCOPED_GROUP_REQUIRED, SCOPED_LAST_GROUP } from './scope'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
let groupA: string
let groupB: string
let a1: TestUser
let a2: TestUser
let b1: TestUser
let supervisor: Actor
let admin: Actor
const PASSWORD = 'violet-harbour-42-kettle'

const names = async (who: Actor, query: Record<string, string> = {}) =>
  (await listUsers(db, who, parseUserListParams(query))).rows.map((r) => r.username).sort()
const versionOf = async (id: string) => (await db.select({ v: users.version }).from(users).where(eq(users.id, id)))[0]!.v
const groupsOf = async (id: string) =>
  (await db.select({ g: userGroups.groupId }).from(userGroups).where(eq(userGroups.userId, id))).map((r) => r.g).sort()

let scopeSize: number | undefined
async function scopedPerson(role: 'Supervisor' | 'Admin', permissions: string[]): Promise<Actor> {
  const made = await createProfile(db, actorOf(ws), { name: `Team ${role} ${Math.random()}`, role, permissions, scope: 'managed_groups' })
  if (!made.ok) throw new Error(JSON.stringify(made))
  const user = await createTestUser(db, ws.tenantId, { role, profileId: made.id })
  expect(await addGroupManager(db, actorOf(ws), { groupId: groupA, username: user.username })).toMatchObject({ ok: true })
  return {
    userId: user.id,
    tenantId: ws.tenantId,
    label: user.username,
    permissions: effectivePermissions(role, permissions),
    scoped: true,
    ...(scopeSize !== undefined ? { scopeSize } : {}),
  }
}

/** A fresh workspace per form of the scope (the EXISTS, and a small scope's array of ids): the same tests hold for both. */
async function setUp(size: number | undefined) {
  scopeSize = size
  db = await getDb()
  ws = await createTestWorkspace(db, 'scope')
  other = await createTestWorkspace(db, 'scope-other')
  const made = await Promise.all(['Tier 1 French', 'Billing'].map((name) => createGroup(db, actorOf(ws), { name })))
  ;[groupA, groupB] = made.map((g) => (g.ok ? g.id : '')) as [string, string]
  ;[a1, a2, b1] = (await Promise.all([1, 2, 3].map(() => createTestUser(db, ws.tenantId)))) as [TestUser, TestUser, TestUser]
  for (const [u, g] of [
    [a1, groupA],
    [a2, groupA],
    [b1, groupB],
  ] as const)
    await addGroupMember(db, actorOf(ws), { groupId: g, username: u.username })
  await db.update(users).set({ department: 'Paris' }).where(eq(users.id, a1.id))
  await db.update(users).set({ department: 'Billing dept' }).where(eq(users.id, b1.id))
  supervisor = await scopedPerson('Supervisor', ['users.read', 'reports.read', 'users.export'])
  admin = await scopedPerson('Admin', [
    'users.read',
    'users.create',
    'users.update',
    'users.delete',
    'users.password',
    'reports.read',
    'users.export',
  ])
}

for (const [form, size] of [
  ['an EXISTS over memberships', undefined],
  ['a small scope’s array of ids', 1],
] as const)
  describe(`a scoped reach, as ${form}`, () => {
    beforeAll(() => setUp(size))

    it('lists, counts, searches and exports only the members of the groups they manage', async () => {
      expect(await names(supervisor)).toEqual([a1.username, a2.username].sort())
      expect((await listUsers(db, supervisor, parseUserListParams({}))).total).toEqual({ count: 2, capped: false })
      expect(await names(supervisor, { q: b1.username })).toEqual([])
      expect(await names(supervisor, { group: groupB })).toEqual([])
      const exported: string[] = []
      for await (const batch of exportRows(db, supervisor, parseUserListParams({}))) exported.push(...batch.map((r) => r.username))
      expect(exported.sort()).toEqual([a1.username, a2.username].sort())
      // The whole workspace still sees everyone.
      expect(await names(actorOf(ws))).toContain(b1.username)
    })

    it('offers only their groups and their members’ departments as filters, and their groups in the user form', async () => {
      const options = await loadFilterOptions(db, supervisor)
      expect(options.groups.map((g) => g.id)).toEqual([groupA])
      expect(options.departments).toEqual(['Paris'])
      const form = await loadUserFormOptions(db, admin, null)
      expect(form).toMatchObject({ groups: [{ id: groupA }], groupsRequired: true })
      // A role without a profile (or a workspace-wide profile) would reach further than a scoped admin: not offered.
      expect(form.roles.find((r) => r.role === 'Supervisor')?.withoutProfile ?? false).toBe(false)
    })

    it('finds a member by id, and nobody else (another group, another workspace)', async () => {
      expect(await findUser(db, supervisor, a1.id)).toMatchObject({ id: a1.id })
      expect(await findUser(db, supervisor, b1.id)).toBeNull()
      expect(await viewUser(db, supervisor, b1.id)).toBeNull()
      expect(await findUser(db, { ...supervisor, tenantId: other.tenantId }, a1.id)).toBeNull()
    })

    it('reports (users, signed in now) count their members only', async () => {
      const range = reportRange({}, 'UTC')
      const { rows } = await userActivity(db, supervisor, parseUserListParams({}), range, 1)
      expect(rows.every((r) => [a1.id, a2.id].includes(r.userId))).toBe(true)
      const board = await signedInBoard(db, supervisor)
      expect(board.byGroup.map((g) => g.name)).toEqual(['Tier 1 French', 'No group'])
    })

    it('creates a user only into one of their groups', async () => {
      const fields = (username: string, groupIds: string[]) => ({
        fullName: 'New Agent',
        email: `${username}@x.test`,
        username,
        role: 'Agent',
        groupIds,
        password: PASSWORD,
      })
      const none = await createUser(db, admin, fields(`n.${Date.now()}${size ?? 0}`, []))
      expect(none).toMatchObject({ ok: false, fieldErrors: { groupIds: SCOPED_GROUP_REQUIRED } })
      const elsewhere = await createUser(db, admin, fields(`e.${Date.now()}${size ?? 0}`, [groupB]))
      expect(elsewhere).toMatchObject({ ok: false, fieldErrors: { groupIds: 'Choose groups from the list.' } })
      const made = await createUser(db, admin, fields(`m.${Date.now()}${size ?? 0}`, [groupA]))
      expect(made.ok).toBe(true)
      if (made.ok) expect(await groupsOf(made.id)).toEqual([groupA])
      // A Supervisor without a profile would see the whole workspace: not theirs to give.
      const wide = await createUser(db, admin, { ...fields(`w.${Date.now()}${size ?? 0}`, [groupA]), role: 'Supervisor' })
      expect(wide).toMatchObject({ ok: false, fieldErrors: { role: expect.any(String) } })
    })

    it('edits a member (keeping memberships it can’t see), never takes them out of their last group, and can’t touch others', async () => {
      const both = await createTestUser(db, ws.tenantId)
      await addGroupMember(db, actorOf(ws), { groupId: groupA, username: both.username })
      await addGroupMember(db, actorOf(ws), { groupId: groupB, username: both.username })
      const edit = (u: TestUser, groupIds: string[], version: number) =>
        updateUser(db, admin, {
          id: u.id,
          version,
          fullName: 'Renamed',
          email: u.email,
          username: u.username,
          role: 'Agent',
          status: 'active',
          groupIds,
        })
      // The form shows group A only: saving with A ticked keeps B.
      expect(await edit(both, [groupA], 1)).toMatchObject({ ok: true })
      expect(await groupsOf(both.id)).toEqual([groupA, groupB].sort())
      // Unticking A would leave them out of sight.
      expect(await edit(both, [], 2)).toMatchObject({ ok: false, fieldErrors: { groupIds: SCOPED_LAST_GROUP } })
      expect(await versionOf(both.id)).toBe(2)
      // B's member: as if absent, and unchanged.
      expect(await edit(b1, [groupA], 1)).toMatchObject({ ok: false, reason: 'not_found' })
      expect(await runBulkAction(db, admin, { action: 'deactivate', ids: [b1.id] })).toMatchObject({ ok: false, reason: 'not_found' })
      expect(await runBulkActionOnMatching(db, admin, { action: 'deactivate', query: `q=${b1.username}`, expected: 1 })).toMatchObject({
        ok: false,
      })
      const bulk = await bulkEditUsers(db, admin, { ids: [b1.id], set: { department: 'Moved' } })
      expect(bulk).toMatchObject({ ok: true, updated: 0, skipped: 1 })
      expect(await versionOf(b1.id)).toBe(1)
    })

    it('imports: a row for someone outside their groups, or a new one outside them, is an error', async () => {
      const csv = (rows: string[][]) =>
        readTableFile(Buffer.from(Papa.unparse([['Full name', 'Username', 'Email', 'Role', 'Groups'], ...rows], { newline: '\r\n' })))
      const u = `imp.${Date.now()}`
      const planned = await planUserImport(
        db,
        admin,
        await csv([
          ['Someone Else', b1.username, b1.email, 'Agent', 'Billing'],
          ['No Group', `${u}.a`, `${u}.a@x.test`, 'Agent', ''],
          ['In A', `${u}.b`, `${u}.b@x.test`, 'Agent', 'Tier 1 French'],
        ]),
        { createMissingExtensions: false },
      )
      expect(planned.preview.rows.map((r) => r.action)).toEqual(['error', 'error', 'create'])
    })

    it('follows membership and management on the next read (no cached scope)', async () => {
      expect(await findUser(db, supervisor, b1.id)).toBeNull()
      await addGroupMember(db, actorOf(ws), { groupId: groupA, username: b1.username })
      expect(await findUser(db, supervisor, b1.id)).not.toBeNull()
      await removeGroupMember(db, actorOf(ws), { groupId: groupA, userId: b1.id })
      expect(await findUser(db, supervisor, b1.id)).toBeNull()
      expect(await removeGroupManager(db, actorOf(ws), { groupId: groupA, userId: supervisor.userId })).toMatchObject({ ok: true })
      expect(await names(supervisor)).toEqual([])
      await addGroupManager(db, actorOf(ws), { groupId: groupA, username: supervisor.label })
      expect(await names(supervisor)).toContain(a1.username)
    })
  })

describe('group managers and scoped profiles', () => {
  beforeAll(() => setUp(undefined))

  it('managers are Supervisors or Admins of the workspace; bad input and other workspaces are refused', async () => {
    const agent = await createTestUser(db, ws.tenantId)
    expect(await addGroupManager(db, actorOf(ws), { groupId: groupA, username: agent.username })).toMatchObject({
      ok: false,
      fieldErrors: { username: expect.stringContaining('is an Agent') },
    })
    expect(await addGroupManager(db, actorOf(ws), { groupId: groupA, username: '' })).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await addGroupManager(db, actorOf(ws), { groupId: 'nope', username: 'x' })).toMatchObject({ ok: false, reason: 'not_found' })
    const theirs = await createTestUser(db, other.tenantId, { role: 'Supervisor' })
    expect(await addGroupManager(db, actorOf(ws), { groupId: groupA, username: theirs.username })).toMatchObject({ ok: false })
    expect(await addGroupManager(db, actorOf(other), { groupId: groupA, username: theirs.username })).toMatchObject({
      ok: false,
      reason: 'not_found',
    })
    expect(await addGroupManager(db, supervisor, { groupId: groupA, username: theirs.username })).toMatchObject({ reason: 'forbidden' })
    expect(await db.select().from(groupManagers).where(eq(groupManagers.userId, theirs.id))).toEqual([])
  })

  it('a scoped profile can’t hold settings or extensions (the app says so; the database refuses it too)', async () => {
    const refused = await createProfile(db, actorOf(ws), {
      name: `Wide ${Math.random()}`,
      role: 'Admin',
      permissions: ['users.read', 'settings.manage'],
      scope: 'managed_groups',
    })
    expect(refused).toMatchObject({ ok: false, fieldErrors: { scope: expect.stringContaining('settings.manage') } })
    const made = await createProfile(db, actorOf(ws), { name: `Narrow ${Math.random()}`, role: 'Admin', permissions: ['users.read'] })
    if (!made.ok) throw new Error('profile')
    expect(
      await updateProfile(db, actorOf(ws), { id: made.id, name: 'Narrow', role: 'Admin', permissions: ['users.read'], scope: 'nope' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { scope: 'Choose a scope.' },
    })
    await expect(
      db
        .update(profiles)
        .set({ scope: 'managed_groups', permissions: ['extensions.manage'] })
        .where(and(eq(profiles.tenantId, ws.tenantId), eq(profiles.id, made.id))),
    ).rejects.toThrow()
  })
})
