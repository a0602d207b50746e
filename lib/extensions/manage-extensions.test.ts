import { effectivePermissions } from '@/lib/auth/permissions'
import crypto from 'node:crypto'
import { wholeWorkspace } from '@/lib/auth/scope'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, extensions, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { verifyPassword } from '@/lib/auth/passwords'
import { keyringFrom } from '@/lib/crypto/keyring'
import { loadUserFormOptions } from '@/lib/users/form-options'
import { listExtensions } from './list-extensions'
import { createExtension, createExtensionRange, deleteExtension, revealSipPassword, updateExtension } from './manage-extensions'

let db: Db
const ring = keyringFrom(crypto.randomBytes(32).toString('base64'))
beforeAll(async () => {
  db = await getDb()
})
const adminOf = actorOf
async function created(ws: TestWorkspace, input: object) {
  const result = await createExtension(db, adminOf(ws), input, ring)
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.id
}
const row = async (id: string) => (await db.select().from(extensions).where(eq(extensions.id, id)))[0]!

describe('extensions', () => {
  it('are created with a generated SIP password, sealed at rest, revealed only on request, every reveal audited', async () => {
    const ws = await createTestWorkspace(db)
    const id = await created(ws, { number: '2001', type: 'SIP' })
    const stored = await row(id)
    expect(stored).toMatchObject({ number: '2001', type: 'SIP', sipSecretKeyId: ring.currentId })
    const reveal = await revealSipPassword(db, adminOf(ws), { id: id }, ring)
    if (!reveal.ok) throw new Error(reveal.formError)
    expect(reveal.password).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(stored.sipSecretCiphertext).not.toContain(reveal.password)
    await revealSipPassword(db, adminOf(ws), { id: id }, ring)
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.entityId, id)))
    expect(audit.map((a) => a.action).sort()).toEqual(['extension.create', 'extension.sip_reveal', 'extension.sip_reveal'])
    expect(JSON.stringify(audit)).not.toContain(reveal.password)
  })

  it.each([
    [{ number: '1' }, 'number', /2 to 10 digits/],
    [{ number: '12345678901' }, 'number', /2 to 10 digits/],
    [{ number: '12a' }, 'number', /digits/],
    [{ number: '300', type: 'Fax' }, 'type', /WebRTC or SIP/],
    [{ number: '300', voicemailEnabled: 'on' }, 'voicemailPin', /Set a PIN/],
    [{ number: '300', voicemailPin: '12' }, 'voicemailPin', /4 to 10 digits/],
    [{ number: '300', voicemailEmail: 'nope' }, 'voicemailEmail', /valid email/],
  ])('refuse bad input %j next to the field', async (input, field, message) => {
    const ws = await createTestWorkspace(db)
    const result = await createExtension(db, adminOf(ws), input, ring)
    expect(result.ok ? null : result.fieldErrors[field as 'number']).toMatch(message)
  })

  it('numbers are unique in a workspace, also when two admins create the same one at once; other workspaces may reuse them', async () => {
    const ws = await createTestWorkspace(db)
    const results = await Promise.all([
      createExtension(db, adminOf(ws), { number: '2002' }, ring),
      createExtension(db, adminOf(ws), { number: '2002' }, ring),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const refused = results.find((r) => !r.ok)
    expect(refused && !refused.ok ? refused.fieldErrors.number : null).toMatch(/exists already/)
    const other = await createTestWorkspace(db)
    expect((await createExtension(db, adminOf(other), { number: '2002' }, ring)).ok).toBe(true)
  })

  it('a range creates the free numbers and reports the taken ones, never duplicating', async () => {
    const ws = await createTestWorkspace(db)
    await created(ws, { number: '2003' })
    await created(ws, { number: '2005' })
    const result = await createExtensionRange(db, adminOf(ws), { from: '2000', to: '2009', type: 'SIP' }, ring)
    expect(result).toEqual({
      ok: true,
      created: ['2000', '2001', '2002', '2004', '2006', '2007', '2008', '2009'],
      skipped: ['2003', '2005'],
    })
    const again = await createExtensionRange(db, adminOf(ws), { from: '2008', to: '2011' }, ring)
    expect(again).toEqual({ ok: true, created: ['2010', '2011'], skipped: ['2008', '2009'] })
    const { rows } = await listExtensions(db, ws.tenantId, { q: '20', page: 1 })
    expect(rows.map((r) => r.number)).toEqual([
      '2000',
      '2001',
      '2002',
      '2003',
      '2004',
      '2005',
      '2006',
      '2007',
      '2008',
      '2009',
      '2010',
      '2011',
    ])
    for (const bad of [
      { from: '2000', to: '1999' },
      { from: '100', to: '2000' },
      { from: '1000', to: '2000' },
    ]) {
      expect((await createExtensionRange(db, adminOf(ws), bad, ring)).ok).toBe(false)
    }
  })

  it('edits keep the PIN unless a new one is typed (hashed), change the SIP password on request, and refuse a stale version', async () => {
    const ws = await createTestWorkspace(db)
    const id = await created(ws, { number: '2020', voicemailEnabled: true, voicemailPin: '4321', voicemailEmail: 'vm@calls.example' })
    expect(await verifyPassword((await row(id)).voicemailPinHash!, '4321')).toBe(true)
    const result = await updateExtension(
      db,
      adminOf(ws),
      { ...{ number: '2021', type: 'SIP', voicemailEnabled: 'on' }, id: id, version: 1, sipPassword: 'a-brand-new-sip-secret-42' },
      ring,
    )
    expect(result.ok).toBe(true)
    const after = await row(id)
    expect(after).toMatchObject({ number: '2021', type: 'SIP', version: 2 })
    expect(await verifyPassword(after.voicemailPinHash!, '4321')).toBe(true)
    expect(await revealSipPassword(db, adminOf(ws), { id: id }, ring)).toEqual({ ok: true, password: 'a-brand-new-sip-secret-42' })
    const stale = await updateExtension(db, adminOf(ws), { ...{ number: '2022' }, id: id, version: 1, sipPassword: '' }, ring)
    expect(stale).toMatchObject({ ok: false, formError: expect.stringMatching(/Someone else changed/) })
    const weak = await updateExtension(db, adminOf(ws), { ...{ number: '2021' }, id: id, version: 2, sipPassword: 'short' }, ring)
    expect(weak.ok ? null : weak.fieldErrors.sipPassword).toMatch(/at least 16/)
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'extension.update')))
    expect(audit[0]?.after).toMatchObject({ number: '2021', type: 'SIP', sipPassword: '[redacted]' })
    expect(JSON.stringify(audit)).not.toContain('a-brand-new-sip-secret-42')
  })

  it('deleting a linked extension unlinks its user (and their force login), audited; the user form offers it no more', async () => {
    const ws = await createTestWorkspace(db)
    const id = await created(ws, { number: '2030' })
    const user = await createTestUser(db, ws.tenantId)
    await db.update(users).set({ extensionId: id, forceLogin: true }).where(eq(users.id, user.id))
    expect((await listExtensions(db, ws.tenantId, { q: user.username, page: 1 })).rows.map((r) => r.number)).toEqual(['2030'])
    expect(await deleteExtension(db, adminOf(ws), { id: id })).toEqual({
      ok: true,
      message: `Extension 2030 deleted. ${user.username} has no extension now.`,
    })
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({ extensionId: null, forceLogin: false })
    expect((await loadUserFormOptions(db, { ...wholeWorkspace(ws.tenantId), permissions: ADMIN_RIGHTS }, null)).extensions).toEqual([])
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'extension.delete')))
    expect(audit[0]?.before).toEqual({ number: '2030', user: user.username })
  })

  it('need extensions.manage, and never reach another workspace’s extension', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const id = await created(ws, { number: '2040' })
    const supervisor = adminOf(ws, 'Supervisor')
    expect((await createExtension(db, supervisor, { number: '2041' }, ring)).ok).toBe(false)
    expect((await updateExtension(db, supervisor, { ...{ number: '2042' }, id: id, version: 1, sipPassword: '' }, ring)).ok).toBe(false)
    expect((await revealSipPassword(db, supervisor, { id: id }, ring)).ok).toBe(false)
    expect((await deleteExtension(db, supervisor, { id: id })).ok).toBe(false)
    expect((await createExtensionRange(db, supervisor, { from: '10', to: '11' }, ring)).ok).toBe(false)
    expect(await revealSipPassword(db, adminOf(other), { id: id }, ring)).toMatchObject({
      ok: false,
      formError: 'This extension no longer exists.',
      reason: 'not_found',
    })
    expect(await updateExtension(db, adminOf(other), { ...{ number: '2043' }, id: id, version: 1, sipPassword: '' }, ring)).toMatchObject({
      ok: false,
      formError: 'This extension no longer exists.',
    })
    expect((await deleteExtension(db, adminOf(other), { id: id })).ok).toBe(false)
    expect(await row(id)).toMatchObject({ number: '2040', version: 1 })
  })
})
const ADMIN_RIGHTS = effectivePermissions('Admin', null)
