import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { createTestUser, createTestWorkspace } from '@/testing/fixtures'
import { effectivePermissions } from '@/lib/auth/permissions'
import { createUser, updateUser } from '@/lib/users/manage-users'
import { listAudit } from './list-audit'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

describe('listAudit', () => {
  it('shows newest first, names the user, filters by a user (about them or by them), never another workspace’s', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const editor = {
      userId: ws.admin.id,
      tenantId: ws.tenantId,
      label: ws.admin.username,
      permissions: effectivePermissions('Admin', null),
    }
    const created = await createUser(db, editor, {
      ...{ fullName: 'Grace Hopper', email: 'grace@calls.example', username: 'grace.h', role: 'Agent' },
      password: 'violet-harbour-42-kettle',
    })
    if (!created.ok) throw new Error('create')
    await updateUser(db, editor, {
      ...{ fullName: 'Grace B. Hopper', email: 'grace@calls.example', username: 'grace.h', role: 'Agent' },
      id: created.id,
      version: 1,
    })
    const bystander = await createTestUser(db, ws.tenantId)

    const all = await listAudit(db, ws.tenantId, { page: 1 })
    expect(all.rows[0]).toMatchObject({
      action: 'user.update',
      actor: ws.admin.username,
      subjectName: 'Grace B. Hopper',
      before: { fullName: 'Grace Hopper' },
      after: { fullName: 'Grace B. Hopper' },
    })
    expect(JSON.stringify(all.rows)).not.toContain('violet-harbour-42-kettle')

    const aboutGrace = await listAudit(db, ws.tenantId, { username: 'GRACE.H', page: 1 })
    expect(aboutGrace.rows.map((r) => r.action)).toEqual(['user.update', 'user.create'])
    const byAdmin = await listAudit(db, ws.tenantId, { username: ws.admin.username, page: 1 })
    expect(byAdmin.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.update', 'user.create']))
    expect((await listAudit(db, ws.tenantId, { username: bystander.username, page: 1 })).rows).toEqual([])
    expect(await listAudit(db, ws.tenantId, { username: 'nobody', page: 1 })).toMatchObject({ rows: [], userFound: false })
    expect((await listAudit(db, other.tenantId, { username: 'grace.h', page: 1 })).userFound).toBe(false)
    expect((await listAudit(db, other.tenantId, { page: 1 })).rows.every((r) => r.subjectName !== 'Grace B. Hopper')).toBe(true)
  })
})
