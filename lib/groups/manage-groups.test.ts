import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/db/testing/fixtures'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { addGroupMember, createGroup, deleteGroup, findGroupWithMembers, listGroups, removeGroupMember, renameGroup } from './manage-groups'

let db: Db
beforeAll(async () => {
  db = await getDb()
})
const adminOf = actorOf
const names = async (ws: TestWorkspace, query: Record<string, string>) => (await listUsers(db, ws.tenantId, parseUserListParams(query))).rows.map((r) => r.username)

describe('groups', () => {
  it('membership changes and renames show at once in the users list’s search and Group filter', async () => {
    const ws = await createTestWorkspace(db)
    const user = await createTestUser(db, ws.tenantId)
    const group = await createGroup(db, adminOf(ws), 'Night shift')
    if (!group.ok) throw new Error('create')
    expect(await addGroupMember(db, adminOf(ws), group.id, user.username.toUpperCase())).toMatchObject({ ok: true })
    expect(await names(ws, { q: 'night shi' })).toEqual([user.username])
    expect(await names(ws, { group: group.id })).toEqual([user.username])
    expect((await listGroups(db, ws.tenantId))[0]).toMatchObject({ name: 'Night shift', members: 1 })

    expect((await renameGroup(db, adminOf(ws), group.id, 'Late crew')).ok).toBe(true)
    expect(await names(ws, { q: 'night shi' })).toEqual([])
    expect(await names(ws, { q: 'late cre' })).toEqual([user.username])

    expect((await removeGroupMember(db, adminOf(ws), group.id, user.id)).ok).toBe(true)
    expect(await names(ws, { group: group.id })).toEqual([])
    expect(await names(ws, { q: 'late cre' })).toEqual([])

    await addGroupMember(db, adminOf(ws), group.id, user.username)
    expect((await deleteGroup(db, adminOf(ws), group.id)).ok).toBe(true)
    expect(await names(ws, { q: 'late cre' })).toEqual([])
    expect(await listGroups(db, ws.tenantId)).toEqual([])
  })

  it('refuse duplicates, unknown users, members twice, other workspaces and non-admins', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const group = await createGroup(db, adminOf(ws), 'Sales')
    if (!group.ok) throw new Error('create')
    expect(await createGroup(db, adminOf(ws), 'SALES')).toMatchObject({ ok: false, field: 'name' })
    expect(await createGroup(db, adminOf(ws), ' ')).toMatchObject({ ok: false, field: 'name' })
    expect(await addGroupMember(db, adminOf(ws), group.id, 'nobody')).toMatchObject({ ok: false, field: 'username' })
    const foreigner = await createTestUser(db, other.tenantId)
    expect(await addGroupMember(db, adminOf(ws), group.id, foreigner.username)).toMatchObject({ ok: false, field: 'username' })
    const user = await createTestUser(db, ws.tenantId)
    await addGroupMember(db, adminOf(ws), group.id, user.username)
    expect(await addGroupMember(db, adminOf(ws), group.id, user.username)).toMatchObject({ ok: false, message: expect.stringMatching(/already/) })
    expect((await addGroupMember(db, adminOf(other), group.id, foreigner.username)).ok).toBe(false)
    expect((await removeGroupMember(db, adminOf(other), group.id, user.id)).ok).toBe(false)
    expect((await renameGroup(db, adminOf(other), group.id, 'Hijacked')).ok).toBe(false)
    expect((await deleteGroup(db, adminOf(ws, 'Supervisor'), group.id)).ok).toBe(false)
    expect(await findGroupWithMembers(db, other.tenantId, group.id, 1)).toBeNull()
    expect((await findGroupWithMembers(db, ws.tenantId, group.id, 1))?.members.map((m) => m.username)).toEqual([user.username])
  })
})
