import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { passkeys, tenants } from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { effectivePermissions } from './permissions'
import { listPasskeys, registerPasskey, removePasskey } from './passkeys'
import { twoFactorStatus } from './two-factor'

let db: Db
let ws: TestWorkspace
beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'passkey')
})
const meOf = (userId: string, tenantId = ws.tenantId) => ({
  userId,
  tenantId,
  label: 'me',
  permissions: effectivePermissions('Agent', null),
  sessionId: crypto.randomUUID(),
})
const addKey = async (userId: string, tenantId = ws.tenantId) =>
  (
    await db
      .insert(passkeys)
      .values({ tenantId, userId, credentialId: crypto.randomUUID(), publicKey: Buffer.from('key'), name: 'Laptop' })
      .returning({ id: passkeys.id })
  )[0]!.id

describe('passkeys', () => {
  it('a passkey counts as two-factor on; only its owner removes it, never across users or workspaces', async () => {
    const owner = await createTestUser(db, ws.tenantId)
    const other = await createTestUser(db, ws.tenantId)
    const elsewhere = await createTestWorkspace(db, 'passkey-other')
    const id = await addKey(owner.id)
    expect(await twoFactorStatus(db, ws.tenantId, owner.id)).toMatchObject({ on: true, passkeys: 1, totp: false })
    expect(await removePasskey(db, meOf(other.id), id)).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await removePasskey(db, meOf(elsewhere.admin.id, elsewhere.tenantId), id)).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await listPasskeys(db, ws.tenantId, owner.id)).toHaveLength(1)
    expect(await removePasskey(db, meOf(owner.id), id)).toEqual({ ok: true })
    expect(await listPasskeys(db, ws.tenantId, owner.id)).toEqual([])
  })

  it('the last second factor stays while the workspace requires one', async () => {
    const strict = await createTestWorkspace(db, 'passkey-strict')
    await db.update(tenants).set({ twoFactorPolicy: 'everyone' }).where(eq(tenants.id, strict.tenantId))
    const user = await createTestUser(db, strict.tenantId)
    const id = await addKey(user.id, strict.tenantId)
    expect(await removePasskey(db, meOf(user.id, strict.tenantId), id)).toMatchObject({ ok: false, reason: 'conflict' })
  })

  it('registration refuses a bad name, a forged or foreign ticket and a garbage answer, without a 500', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const me = meOf(user.id)
    expect(await registerPasskey(db, me, { response: '{}', ticket: 'x', name: '' })).toMatchObject({ reason: 'invalid' })
    expect(await registerPasskey(db, me, { response: '{}', ticket: 'x.y', name: 'Laptop' })).toMatchObject({ reason: 'conflict' })
    expect(await registerPasskey(db, me, { response: 'not json', ticket: 42, name: 'Laptop' })).toMatchObject({ reason: 'conflict' })
    expect(await listPasskeys(db, ws.tenantId, user.id)).toEqual([])
  })
})
