import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries } from '@/db/schema'
import { createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { effectivePermissions } from '@/lib/auth/permissions'
import { workspaceSettingsOf } from './list-workspace-settings'
import { updateWorkspaceSettings } from './manage-workspace-settings'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'tz')
  other = await createTestWorkspace(db, 'tz-other')
})
const actorOf = (w: TestWorkspace, role: 'Admin' | 'Supervisor' = 'Admin') => ({
  userId: w.admin.id,
  tenantId: w.tenantId,
  label: 'test',
  permissions: effectivePermissions(role, null),
})

describe('Settings › General (the workspace time zone)', () => {
  it('starts at UTC, takes an IANA zone, audits the change and says so', async () => {
    expect((await workspaceSettingsOf(db, ws.tenantId))?.timeZone).toBe('UTC')
    expect(await updateWorkspaceSettings(db, actorOf(ws), { timeZone: 'Europe/Paris' })).toEqual({
      ok: true,
      message: 'Time zone set to Europe/Paris.',
    })
    expect((await workspaceSettingsOf(db, ws.tenantId))?.timeZone).toBe('Europe/Paris')
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'workspace.update')))
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{ timeZone: 'UTC' }, { timeZone: 'Europe/Paris' }]])
    expect(await updateWorkspaceSettings(db, actorOf(ws), { timeZone: 'Europe/Paris' })).toEqual({
      ok: true,
      message: 'Nothing to change.',
    })
  })

  it('refuses an unknown zone or hostile text with a field message, and a supervisor; never touches another workspace', async () => {
    for (const timeZone of ['Mars/Olympus', '', 'Europe/Paris\u0000', ['UTC'], 42]) {
      expect(await updateWorkspaceSettings(db, actorOf(ws), { timeZone })).toMatchObject({
        ok: false,
        reason: 'invalid',
        fieldErrors: { timeZone: expect.any(String) },
      })
    }
    expect(await updateWorkspaceSettings(db, actorOf(ws, 'Supervisor'), { timeZone: 'Asia/Tokyo' })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    })
    await updateWorkspaceSettings(db, actorOf(other), { timeZone: 'Asia/Tokyo' })
    expect((await workspaceSettingsOf(db, ws.tenantId))?.timeZone).not.toBe('Asia/Tokyo')
    expect((await workspaceSettingsOf(db, other.tenantId))?.timeZone).toBe('Asia/Tokyo')
  })
})
