import { and, eq, inArray, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, groups, profiles, userGroups, users } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { BULK_EDIT_BATCH, bulkEditUsers } from './manage-users-bulk-edit'
import { bulkEditOutcomeText, bulkEditSetFromForm } from './bulk-edit-input'
import { updateUser } from './manage-users'
import { loadUserForEdit } from './load-user-for-edit'
import { wholeWorkspace } from '@/lib/auth/scope'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const actorOf = (ws: TestWorkspace, permissions = effectivePermissions('Admin', null), userId = ws.admin.id): Actor => ({
  userId,
  tenantId: ws.tenantId,
  label: 'tester',
  permissions,
})
const rowsOf = async (ids: string[]) => new Map((await db.select().from(users).where(inArray(users.id, ids))).map((r) => [r.id, r]))
const groupsOf = async (id: string) =>
  (await db.select({ g: userGroups.groupId }).from(userGroups).where(eq(userGroups.userId, id))).map((r) => r.g).sort()
async function makeGroup(ws: TestWorkspace, name: string) {
  const [g] = await db.insert(groups).values({ tenantId: ws.tenantId, name }).returning({ id: groups.id })
  return g!.id
}
async function makeProfile(ws: TestWorkspace, role: 'Admin' | 'Supervisor' | 'Agent', permissions: string[]) {
  const [p] = await db
    .insert(profiles)
    .values({ tenantId: ws.tenantId, name: `P ${Math.random()}`, role, permissions })
    .returning({ id: profiles.id })
  return p!.id
}

describe('bulkEditUsers', () => {
  it('changes only the chosen fields of every user a view matches, past one batch, with one audit entry each', async () => {
    const ws = await createTestWorkspace(db, 'bulk')
    const keep = await makeGroup(ws, 'Keep')
    const added = await makeGroup(ws, 'Added')
    // Straight rows, no password: hashing a thousand passwords would be most of the test's time.
    const matching = await db
      .insert(users)
      .values(
        Array.from({ length: BULK_EDIT_BATCH + 3 }, (_, i) => ({
          tenantId: ws.tenantId,
          fullName: `Night ${i}`,
          username: `night.${i}`,
          email: `night.${i}@example.test`,
          department: 'Night shift',
        })),
      )
      .returning({ id: users.id })
    await db.insert(userGroups).values({ tenantId: ws.tenantId, userId: matching[0]!.id, groupId: keep })
    const other = await createTestUser(db, ws.tenantId)

    const ids = matching.map((u) => u.id)
    const result = await bulkEditUsers(db, actorOf(ws), {
      ids,
      set: { addGroupIds: [added], jobTitle: 'Agent II', hideFromDirectory: true },
    })
    expect(result).toMatchObject({ ok: true, updated: matching.length, unchanged: 0, skipped: 0 })
    const after = await rowsOf([...ids, other.id])
    expect(ids.every((id) => after.get(id)!.jobTitle === 'Agent II' && after.get(id)!.hideFromDirectory)).toBe(true)
    expect(ids.every((id) => after.get(id)!.department === 'Night shift' && after.get(id)!.version === 2)).toBe(true)
    expect(after.get(other.id)!.jobTitle).toBe('')
    expect(await groupsOf(matching[0]!.id)).toEqual([keep, added].sort())
    expect(await groupsOf(other.id)).toEqual([])
    const audited = await db
      .select({ id: auditEntries.entityId, after: auditEntries.after })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.update')))
    expect(audited.length).toBe(matching.length)
    expect(audited.find((a) => a.id === matching[0]!.id)!.after).toEqual({
      jobTitle: 'Agent II',
      hideFromDirectory: true,
      groupIds: [keep, added].sort(),
    })
    // Again: everyone already is as chosen.
    const again = await bulkEditUsers(db, actorOf(ws), { ids, set: { jobTitle: 'Agent II' } })
    expect(again).toMatchObject({ ok: true, updated: 0, unchanged: matching.length })
  })

  it('with a view: exactly the users it matches, and only when the count confirmed is still right', async () => {
    const ws = await createTestWorkspace(db, 'bulk')
    const never = await Promise.all([createTestUser(db, ws.tenantId), createTestUser(db, ws.tenantId)])
    const recent = await createTestUser(db, ws.tenantId)
    const dormant = await createTestUser(db, ws.tenantId)
    await db
      .update(users)
      .set({ lastLoginAt: new Date() })
      .where(inArray(users.id, [recent.id, ws.admin.id]))
    await db
      .update(users)
      .set({ lastLoginAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(eq(users.id, dormant.id))

    const stale = await bulkEditUsers(db, actorOf(ws), { query: 'lastLogin=never', expected: 3, set: { status: 'inactive' } })
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' })
    expect((await rowsOf(never.map((u) => u.id))).get(never[0]!.id)!.status).toBe('active')

    const done = await bulkEditUsers(db, actorOf(ws), { query: 'lastLogin=never', expected: 2, set: { status: 'inactive' } })
    expect(done).toMatchObject({ ok: true, updated: 2 })
    const dormantOnly = await bulkEditUsers(db, actorOf(ws), { filter: { lastLogin: '90d' }, set: { department: 'Dormant' } })
    expect(dormantOnly).toMatchObject({ ok: true, updated: 1, results: [{ id: dormant.id, outcome: 'updated' }] })
    const after = await rowsOf([...never.map((u) => u.id), recent.id, dormant.id])
    expect([...after.values()].map((r) => [r.id, r.status, r.department]).sort()).toEqual(
      [
        [never[0]!.id, 'inactive', ''],
        [never[1]!.id, 'inactive', ''],
        [recent.id, 'active', ''],
        [dormant.id, 'active', 'Dormant'],
      ].sort(),
    )
  })

  it('skips, with the single save’s reason, oneself, someone with more rights, a profile of another role, force login without an extension; changes the rest', async () => {
    const ws = await createTestWorkspace(db, 'bulk')
    const narrowed = await makeProfile(ws, 'Admin', ['users.read', 'users.update', 'settings.manage', 'reports.read', 'users.export'])
    const agentProfile = await makeProfile(ws, 'Agent', [])
    const me = await createTestUser(db, ws.tenantId, { role: 'Admin', profileId: narrowed })
    const fullAdmin = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const agents = await Promise.all([createTestUser(db, ws.tenantId), createTestUser(db, ws.tenantId)])
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
    const actor = actorOf(
      ws,
      effectivePermissions('Admin', ['users.read', 'users.update', 'settings.manage', 'reports.read', 'users.export']),
      me.id,
    )

    const ids = [me.id, fullAdmin.id, ...agents.map((u) => u.id), supervisor.id]
    const result = await bulkEditUsers(db, actor, { ids, set: { profileId: agentProfile, department: 'Tier 1' } })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const reasons = Object.fromEntries(result.results.map((r) => [r.id, r.reason ?? r.outcome]))
    expect(reasons).toEqual({
      [me.id]: 'You can’t change your own profile.',
      [fullAdmin.id]: 'You can’t change this user: they have permissions you don’t have.',
      [agents[0]!.id]: 'updated',
      [agents[1]!.id]: 'updated',
      [supervisor.id]: 'Choose a profile of the Supervisor role, or none.',
    })
    const after = await rowsOf(ids)
    expect(after.get(fullAdmin.id)!.department).toBe('')
    expect(after.get(me.id)!.profileId).toBe(narrowed)
    expect(after.get(agents[0]!.id)).toMatchObject({ profileId: agentProfile, department: 'Tier 1' })
    expect(bulkEditOutcomeText({ updated: 2, unchanged: 0, skippedCount: 3, skipped: [{ name: 'A', reason: 'r.' }] })).toEqual({
      text: '2 updated, 3 not changed:',
      details: ['A: r.', 'and 2 more'],
    })

    const forced = await bulkEditUsers(db, actorOf(ws), { ids: [agents[0]!.id], set: { forceLogin: true } })
    expect(forced).toMatchObject({
      ok: true,
      updated: 0,
      results: [{ outcome: 'skipped', reason: expect.stringContaining('Force login needs an extension') }],
    })
  })

  it('keeps an active admin, and ends sessions where the status or role changes', async () => {
    const ws = await createTestWorkspace(db, 'bulk')
    const second = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const agent = await createTestUser(db, ws.tenantId)
    for (const userId of [second.id, agent.id]) {
      await db.insert(dashboardSessions).values({ tenantId: ws.tenantId, userId, expiresAt: new Date(Date.now() + 3_600_000) })
    }
    // The actor (the first admin) is among them: they keep their own role; the second admin is demoted; the workspace keeps one.
    const demote = await bulkEditUsers(db, actorOf(ws), {
      ids: [ws.admin.id, second.id, agent.id],
      set: { role: 'Supervisor', profileId: null },
    })
    if (!demote.ok) throw new Error(JSON.stringify(demote))
    expect(demote.results.map((r) => [r.id, r.reason ?? r.outcome]).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual(
      [
        [ws.admin.id, 'You can’t change your own role.'],
        [second.id, 'updated'],
        [agent.id, 'updated'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    )
    const open = await db
      .select({ u: dashboardSessions.userId })
      .from(dashboardSessions)
      .where(and(eq(dashboardSessions.tenantId, ws.tenantId), isNull(dashboardSessions.endedAt)))
    expect(open).toEqual([])

    // The guard holds whoever acts: even an actor who is not an admin themselves (defence in depth) leaves one.
    await db.update(users).set({ role: 'Admin', profileId: null }).where(eq(users.id, second.id))
    const off = await bulkEditUsers(db, actorOf(ws, undefined, agent.id), { ids: [ws.admin.id, second.id], set: { status: 'inactive' } })
    if (!off.ok) throw new Error(JSON.stringify(off))
    expect(off.updated).toBe(1)
    expect(off.results.find((r) => r.outcome === 'skipped')!.reason).toBe('The workspace must keep at least one active admin.')
  })

  it('never loses a change someone saved meanwhile to another field', async () => {
    const ws = await createTestWorkspace(db, 'bulk')
    const u = await createTestUser(db, ws.tenantId)
    const seen = await loadUserForEdit(db, wholeWorkspace(ws.tenantId), u.id)
    // The admin confirmed the bulk edit for this user; someone else saves the user form first.
    const saved = await updateUser(db, actorOf(ws), { ...seen, jobTitle: 'Team lead', version: seen!.version, id: u.id })
    expect(saved.ok).toBe(true)
    const result = await bulkEditUsers(db, actorOf(ws), { ids: [u.id], set: { department: 'Sales' } })
    expect(result).toMatchObject({ ok: true, updated: 1 })
    expect((await rowsOf([u.id])).get(u.id)).toMatchObject({ jobTitle: 'Team lead', department: 'Sales', version: 3 })
  })

  it('answers a dry run without writing, and refuses bad input, no permission and other workspaces', async () => {
    const ws = await createTestWorkspace(db, 'bulk')
    const other = await createTestWorkspace(db, 'bulk')
    const u = await createTestUser(db, ws.tenantId)
    const theirs = await createTestUser(db, other.tenantId)
    const group = await makeGroup(ws, 'G')
    const theirGroup = await makeGroup(other, 'G')

    const dry = await bulkEditUsers(db, actorOf(ws), { ids: [u.id], set: { addGroupIds: [group] }, dryRun: true })
    expect(dry).toMatchObject({ ok: true, dryRun: true, updated: 1 })
    expect(await groupsOf(u.id)).toEqual([])

    const bad: [Record<string, unknown>, object][] = [
      [{ ids: [u.id], set: {} }, { formError: 'Choose at least one field to change.' }],
      [{ ids: [u.id], set: { colour: 'red' } }, { formError: 'Unknown field: colour.' }],
      [{ ids: [u.id], set: { role: 'Agent' } }, { fieldErrors: { profileId: expect.stringContaining('profile they get') } }],
      [{ ids: [u.id], set: { addGroupIds: [group], removeGroupIds: [group] } }, { fieldErrors: { removeGroupIds: expect.any(String) } }],
      [{ ids: [u.id], set: { addGroupIds: [theirGroup] } }, { fieldErrors: { addGroupIds: 'Choose groups from the list.' } }],
      [{ ids: [u.id], set: { status: 'gone' } }, { fieldErrors: { status: 'Choose Active or Inactive.' } }],
      [{ ids: [u.id], set: { department: 'x'.repeat(201) } }, { fieldErrors: { department: expect.stringContaining('200') } }],
      [{ ids: ['nope'], set: { department: 'x' } }, { formError: 'Those aren’t user ids.' }],
      [{ set: { department: 'x' } }, { formError: 'Send either ids or filter.' }],
      [{ ids: [u.id], filter: {}, set: { department: 'x' } }, { formError: 'Send either ids or filter.' }],
      [{ filter: { role: ['King'] }, set: { department: 'x' } }, { reason: 'invalid' }],
    ]
    for (const [input, expected] of bad) {
      expect(await bulkEditUsers(db, actorOf(ws), input), JSON.stringify(input)).toMatchObject({ ok: false, ...expected })
    }
    expect(
      await bulkEditUsers(db, actorOf(ws, effectivePermissions('Supervisor', null)), { ids: [u.id], set: { department: 'x' } }),
    ).toMatchObject({
      ok: false,
      reason: 'forbidden',
    })
    // Another workspace's user is just not there; their filter matches only their own users.
    const cross = await bulkEditUsers(db, actorOf(ws), { ids: [theirs.id], set: { department: 'x' } })
    expect(cross).toMatchObject({
      ok: true,
      updated: 0,
      results: [{ id: theirs.id, outcome: 'skipped', reason: 'This user no longer exists.', fullName: '' }],
    })
    const byFilter = await bulkEditUsers(db, actorOf(other), { filter: {}, set: { department: 'Theirs' } })
    expect(byFilter).toMatchObject({ ok: true, updated: 2 })
    expect((await rowsOf([u.id])).get(u.id)!.department).toBe('')
  })
})

describe('bulkEditSetFromForm', () => {
  const form = (entries: [string, string][]) => {
    const f = new FormData()
    for (const [k, v] of entries) f.append(k, v)
    return f
  }
  it('reads Leave unchanged as absent, and the text fields’ Change to / Clear', () => {
    expect(
      bulkEditSetFromForm(
        form([
          ['role', ''],
          ['profileId', 'keep'],
          ['status', 'inactive'],
          ['forceLogin', 'keep'],
          ['hideFromDirectory', 'yes'],
          ['addGroupIds', 'g1'],
          ['departmentChange', 'set'],
          ['department', 'Sales'],
          ['jobTitleChange', 'clear'],
          ['jobTitle', ''],
        ]),
      ),
    ).toEqual({
      set: { status: 'inactive', hideFromDirectory: true, addGroupIds: ['g1'], department: 'Sales', jobTitle: '' },
      fieldErrors: {},
    })
    expect(bulkEditSetFromForm(form([['profileId', '']])).set).toEqual({ profileId: null })
    expect(
      bulkEditSetFromForm(
        form([
          ['departmentChange', 'keep'],
          ['department', 'Sales'],
        ]),
      ).fieldErrors,
    ).toEqual({
      department: 'Choose “Change to” to set the department, or empty the box.',
    })
  })
})
