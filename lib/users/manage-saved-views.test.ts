import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { wholeWorkspace } from '@/lib/auth/scope'
import { getDb, type Db } from '@/db/client'
import { groups, profiles, savedViews } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { deleteView, renameView, SAVED_VIEWS_PER_USER, saveView } from './manage-saved-views'
import { parseUserListParams } from './list-params'
import { loadUsersListPage } from './list-users-page'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const admin = (ws: TestWorkspace): Actor => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: 'a',
  permissions: effectivePermissions('Admin', null),
})
async function supervisorOf(ws: TestWorkspace): Promise<Actor> {
  const u = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
  return { userId: u.id, tenantId: ws.tenantId, label: 's', permissions: effectivePermissions('Supervisor', null) }
}
// As the list page reads them: in the statement that counts its users.
const views = async (actor: Actor) =>
  (await loadUsersListPage(db, { ...wholeWorkspace(actor.tenantId), ...actor }, parseUserListParams(new URLSearchParams()))).views

describe('saved views', () => {
  it('keeps the filters and sort (not the page) under a name, for its owner; shared ones for everyone', async () => {
    const ws = await createTestWorkspace(db, 'views')
    const sup = await supervisorOf(ws)
    const mine = await saveView(db, admin(ws), { name: ' Dormant ', query: 'lastLogin=90d&page=4&sort=-last_login&colour=red' })
    expect(mine).toMatchObject({ ok: true, message: 'View “Dormant” saved.' })
    const shared = await saveView(db, admin(ws), { name: 'Inactive', query: 'status=inactive', shared: 'on' })
    expect(shared.ok).toBe(true)
    expect(await views(admin(ws))).toMatchObject([
      { name: 'Dormant', query: 'lastLogin=90d&sort=-last_login', shared: false, mayManage: true, dropped: null },
      { name: 'Inactive', query: 'status=inactive', shared: true, mayManage: true },
    ])
    // A supervisor sees the shared one only, and may not manage it or share their own.
    expect(await views(sup)).toMatchObject([{ name: 'Inactive', mayManage: false }])
    expect(await saveView(db, sup, { name: 'Mine', query: '', shared: 'on' })).toMatchObject({ ok: false, reason: 'forbidden' })
    expect(await saveView(db, sup, { name: 'Mine', query: 'role=Agent' })).toMatchObject({ ok: true })
    const sharedId = shared.ok ? shared.id : ''
    expect(await renameView(db, sup, { id: sharedId, name: 'Mine now' })).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await deleteView(db, sup, { id: sharedId })).toMatchObject({ ok: false, reason: 'not_found' })
    // The admin can't see or touch the supervisor's own view.
    const supView = (await views(sup)).find((v) => v.name === 'Mine')!
    expect((await views(admin(ws))).map((v) => v.name)).toEqual(['Dormant', 'Inactive'])
    expect(await deleteView(db, admin(ws), { id: supView.id })).toMatchObject({ ok: false, reason: 'not_found' })
  })

  it('renames and deletes; refuses a name taken, empty or too long, bad ids, and other workspaces', async () => {
    const ws = await createTestWorkspace(db, 'views')
    const other = await createTestWorkspace(db, 'views')
    const a = await saveView(db, admin(ws), { name: 'A', query: '' })
    await saveView(db, admin(ws), { name: 'B', query: '' })
    if (!a.ok) throw new Error('save')
    expect(await saveView(db, admin(ws), { name: 'b', query: '' })).toMatchObject({
      fieldErrors: { name: 'You already have a view named “b”.' },
    })
    expect(await saveView(db, admin(ws), { name: '  ', query: '' })).toMatchObject({ fieldErrors: { name: 'Name the view.' } })
    expect(await saveView(db, admin(ws), { name: 'x'.repeat(61), query: '' })).toMatchObject({ fieldErrors: { name: expect.any(String) } })
    expect(await saveView(db, admin(ws), { name: 'q', query: 42 })).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await renameView(db, admin(ws), { id: a.id, name: 'B' })).toMatchObject({
      fieldErrors: { name: expect.stringContaining('already') },
    })
    expect(await renameView(db, admin(ws), { id: 'nope', name: 'C' })).toMatchObject({ reason: 'not_found' })
    expect(await renameView(db, admin(other), { id: a.id, name: 'C' })).toMatchObject({ reason: 'not_found' })
    expect(await deleteView(db, admin(other), { id: a.id })).toMatchObject({ reason: 'not_found' })
    expect(await renameView(db, admin(ws), { id: a.id, name: 'C' })).toMatchObject({ ok: true, message: 'View renamed to “C”.' })
    expect(await deleteView(db, admin(ws), { id: a.id })).toMatchObject({ ok: true, message: 'View “C” deleted.' })
    expect((await views(admin(ws))).map((v) => v.name)).toEqual(['B'])
    const agent: Actor = { ...admin(ws), permissions: effectivePermissions('Agent', null) }
    expect(await saveView(db, agent, { name: 'Z', query: '' })).toMatchObject({ reason: 'forbidden' })
  })

  it(`stops at ${SAVED_VIEWS_PER_USER} views a person`, async () => {
    const ws = await createTestWorkspace(db, 'views')
    await db
      .insert(savedViews)
      .values(
        Array.from({ length: SAVED_VIEWS_PER_USER }, (_, i) => ({ tenantId: ws.tenantId, ownerId: ws.admin.id, name: `V${i}`, query: '' })),
      )
    expect(await saveView(db, admin(ws), { name: 'One more', query: '' })).toMatchObject({
      ok: false,
      formError: expect.stringContaining('delete one'),
    })
  })

  it('a view whose group or profile was deleted opens without that filter, and says so', async () => {
    const ws = await createTestWorkspace(db, 'views')
    const [g1] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Gone' }).returning()
    const [g2] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Stays' }).returning()
    const [p] = await db.insert(profiles).values({ tenantId: ws.tenantId, name: 'P', role: 'Agent', permissions: [] }).returning()
    await saveView(db, admin(ws), { name: 'Teams', query: `group=${g1!.id}&group=${g2!.id}&profile=${p!.id}&status=active` })
    await db.delete(groups).where(eq(groups.id, g1!.id))
    expect(await views(admin(ws))).toMatchObject([
      { name: 'Teams', query: `profile=${p!.id}&group=${g2!.id}&status=active`, dropped: 'a group that was deleted' },
    ])
    await db.delete(profiles).where(eq(profiles.id, p!.id))
    expect(await views(admin(ws))).toMatchObject([
      { query: `group=${g2!.id}&status=active`, dropped: 'a group and a profile that were deleted' },
    ])
  })
})
