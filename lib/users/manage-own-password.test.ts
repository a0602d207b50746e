import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { dashboardSessions } from '@/db/schema'
import { createTestUser, createTestWorkspace } from '@/testing/fixtures'
import { loadSessionUser } from '@/lib/auth/session-user'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { changeOwnPassword } from './manage-own-password'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

describe('changeOwnPassword', () => {
  it('needs the current password, follows the policy, and ends every other session of the user', async () => {
    const ws = await createTestWorkspace(db)
    const me = await createTestUser(db, ws.tenantId)
    const client = { ip: null, userAgent: '' }
    const here = await verifyCredentials(db, { workspace: ws.slug, identifier: me.username, password: me.password }, client)
    const elsewhere = await verifyCredentials(db, { workspace: ws.slug, identifier: me.username, password: me.password }, client)
    if (!here.ok || !elsewhere.ok) throw new Error('sign-in failed')
    const actor = { userId: me.id, tenantId: ws.tenantId, sessionId: here.sessionId, label: me.username, permissions: new Set<never>() }

    expect(await changeOwnPassword(db, actor, { currentPassword: 'wrong', newPassword: 'amber-lantern-77-orchard' })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: 'That is not your current password.' },
    })
    expect(await changeOwnPassword(db, actor, { currentPassword: me.password, newPassword: me.password })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.stringMatching(/different/) },
    })
    expect(await changeOwnPassword(db, actor, { currentPassword: me.password, newPassword: 'qwerty123456' })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.stringMatching(/common/) },
    })
    expect(await changeOwnPassword(db, actor, { currentPassword: me.password, newPassword: `${me.username}-and-more` })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.stringMatching(/username/) },
    })

    const result = await changeOwnPassword(db, actor, { currentPassword: me.password, newPassword: 'amber-lantern-77-orchard' })
    expect(result).toEqual({ ok: true, sessionVersion: here.sessionVersion + 1, sessionId: expect.any(String) })
    if (!result.ok) throw new Error('unreachable')
    // This browser gets a new dashboard session (the cookie is re-issued with it), not the old one's id.
    expect(result.sessionId).not.toBe(here.sessionId)
    const [other] = await db.select().from(dashboardSessions).where(eq(dashboardSessions.id, elsewhere.sessionId))
    expect(other?.endReason).toBe('password-changed')
    const fresh = { userId: me.id, tenantId: ws.tenantId, sessionId: result.sessionId, sessionVersion: result.sessionVersion }
    expect((await loadSessionUser(db, fresh)).ok).toBe(true)
    // One request with the pre-change cookie (old id, old version) is refused, and it must not end the new session.
    expect(
      (await loadSessionUser(db, { userId: me.id, tenantId: ws.tenantId, sessionId: here.sessionId, sessionVersion: here.sessionVersion }))
        .ok,
    ).toBe(false)
    expect((await loadSessionUser(db, fresh)).ok).toBe(true)
    expect(
      (
        await loadSessionUser(db, {
          userId: me.id,
          tenantId: ws.tenantId,
          sessionId: elsewhere.sessionId,
          sessionVersion: elsewhere.sessionVersion,
        })
      ).ok,
    ).toBe(false)
    expect(
      (await verifyCredentials(db, { workspace: ws.slug, identifier: me.username, password: 'amber-lantern-77-orchard' }, client)).ok,
    ).toBe(true)
  })
})
