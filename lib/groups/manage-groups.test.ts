import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { wholeWorkspace } from '@/lib/auth/scope'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from './manage-groups'
import { findGroupWithMembers, listGroups } from './list-groups'

let db: Db
beforeAll(async () => {
  db = await getDb()
})
const adminOf = actorOf
const names = async (ws: TestWorkspace, query: Record<string, string>) =>
  (await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams(query))).rows.map((r) => r.username)

describe('groups', () => {
  it('membership changes and renames show at once in the users list’s search and Group filter', async () => {
    const ws = await createTestWorkspace(db)
    const user = await createTestUser(db, ws.tenantId)
    const group = await createGroup(db, adminOf(ws), { name: 'Night shift' })
    if (!group.ok) throw new Error('create')
    expect(await addGroupMember(db, adminOf(ws), { groupId: group.id, username: user.username.toUpperCase() })).toMatchObject({ ok: true })
    expect(await names(ws, { q: 'night shi' })).toEqual([user.username])
    expect(await names(ws, { group: group.id })).toEqual([user.username])
    expect((await listGroups(db, ws.tenantId))[0]).toMatchObject({ name: 'Night shift', members: 1 })

    expect((await renameGroup(db, adminOf(ws), { id: group.id, name: 'Late crew' })).ok).toBe(true)
    expect(await names(ws, { q: 'night shi' })).toEqual([])
    expect(await names(ws, { q: 'late cre' })).toEqual([user.username])

    expect((await removeGroupMember(db, adminOf(ws), { groupId: group.id, userId: user.id })).ok).toBe(true)
    expect(await names(ws, { group: group.id })).toEqual([])
    expect(await names(ws, { q: 'late cre' })).toEqual([])

    await addGroupMember(db, adminOf(ws), { groupId: group.id, username: user.username })
    expect((await deleteGroup(db, adminOf(ws), { id: group.id })).ok).toBe(true)
    expect(await names(ws, { q: 'late cre' })).toEqual([])
    expect(await listGroups(db, ws.tenantId)).toEqual([])
  })

  it('refuse duplicates, unknown users, members twice, other workspaces and non-admins', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const group = await createGroup(db, adminOf(ws), { name: 'Sales' })
    if (!group.ok) throw new Error('create')
    expect(await createGroup(db, adminOf(ws), { name: 'SALES' })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } })
    expect(await createGroup(db, adminOf(ws), { name: ' ' })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } })
    expect(await addGroupMember(db, adminOf(ws), { groupId: group.id, username: 'nobody' })).toMatchObject({
      ok: false,
      fieldErrors: { username: expect.any(String) },
    })
    const foreigner = await createTestUser(db, other.tenantId)
    expect(await addGroupMember(db, adminOf(ws), { groupId: group.id, username: foreigner.username })).toMatchObject({
      ok: false,
      fieldErrors: { username: expect.any(String) },
    })
    const user = await createTestUser(db, ws.tenantId)
    await addGroupMember(db, adminOf(ws), { groupId: group.id, username: user.username })
    expect(await addGroupMember(db, adminOf(ws), { groupId: group.id, username: user.username })).toMatchObject({
      ok: false,
      fieldErrors: { username: expect.stringMatching(/already/) },
    })
    expect((await addGroupMember(db, adminOf(other), { groupId: group.id, username: foreigner.username })).ok).toBe(false)
    expect((await removeGroupMember(db, adminOf(other), { groupId: group.id, userId: user.id })).ok).toBe(false)
    expect((await renameGroup(db, adminOf(other), { id: group.id, name: 'Hijacked' })).ok).toBe(false)
    expect((await deleteGroup(db, adminOf(ws, 'Supervisor'), { id: group.id })).ok).toBe(false)
    expect(await findGroupWithMembers(db, other.tenantId, group.id, 1)).toBeNull()
    expect((await findGroupWithMembers(db, ws.tenantId, group.id, 1))?.members.map((m) => m.username)).toEqual([user.username])
  })
})
