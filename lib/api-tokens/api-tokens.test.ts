import type { Actor } from '@/lib/auth/actor'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { apiTokens, auditEntries, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, setUserStatus, softDeleteUser, type TestWorkspace } from '@/testing/fixtures'
import { effectivePermissions } from '@/lib/auth/permissions'
import { authenticateApiToken } from './authenticate-token'
import { createApiToken, listApiTokens, revokeApiToken } from './manage-tokens'
import { hashApiToken } from './token-secret'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const as = (ws: TestWorkspace, userId: string, role: 'Admin' | 'Supervisor' | 'Agent'): Actor => ({
  userId,
  tenantId: ws.tenantId,
  label: 'tester',
  permissions: effectivePermissions(role, null),
})
const bearer = (token: string) => `Bearer ${token}`

async function tokenFor(ws: TestWorkspace, ownerId: string, input: object = { name: 'CRM sync' }) {
  const result = await createApiToken(db, as(ws, ws.admin.id, 'Admin'), { ownerId: ownerId, ...input })
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.token
}

describe('API tokens', () => {
  it('are sb_ + 32 random bytes, stored only as a SHA-256 hash with a visible prefix, and audited without the token', async () => {
    const ws = await createTestWorkspace(db)
    const token = await tokenFor(ws, ws.admin.id)
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/)
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tenantId, ws.tenantId))
    expect(row).toMatchObject({ tokenHash: hashApiToken(token), prefix: token.slice(0, 10), name: 'CRM sync', expiresAt: null })
    expect(JSON.stringify(row)).not.toContain(token)
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'token.create')))
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit)).not.toContain(token)
  })

  it('authenticate as their owner with the owner’s permissions, and record the use', async () => {
    const ws = await createTestWorkspace(db)
    const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
    const token = await tokenFor(ws, supervisor.id)
    const caller = await authenticateApiToken(db, bearer(token))
    expect(caller).toMatchObject({ id: supervisor.id, tenantId: ws.tenantId, role: 'Supervisor' })
    expect([...caller!.permissions].sort()).toEqual(['reports.read', 'users.export', 'users.read'])
    const [listed] = await listApiTokens(db, ws.tenantId, supervisor.id)
    expect(listed?.lastUsedAt).toBeInstanceOf(Date)
  })

  it('stop working when revoked, expired, or the owner is inactive or deleted — and come back with reactivation', async () => {
    const ws = await createTestWorkspace(db)
    const owner = await createTestUser(db, ws.tenantId)
    const token = await tokenFor(ws, owner.id)
    expect(await authenticateApiToken(db, bearer(token))).not.toBeNull()

    await setUserStatus(db, ws.tenantId, owner.id, 'inactive')
    expect(await authenticateApiToken(db, bearer(token))).toBeNull()
    await setUserStatus(db, ws.tenantId, owner.id, 'active')
    expect(await authenticateApiToken(db, bearer(token))).not.toBeNull()

    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.tokenHash, hashApiToken(token)))
    expect(await authenticateApiToken(db, bearer(token))).toBeNull()
    await db
      .update(apiTokens)
      .set({ expiresAt: null })
      .where(eq(apiTokens.tokenHash, hashApiToken(token)))

    const [row] = await listApiTokens(db, ws.tenantId, owner.id)
    expect(await revokeApiToken(db, as(ws, owner.id, 'Agent'), { ownerId: owner.id, tokenId: row!.id })).toMatchObject({ ok: true })
    expect(await authenticateApiToken(db, bearer(token))).toBeNull()

    const second = await tokenFor(ws, owner.id)
    await softDeleteUser(db, ws.tenantId, owner.id)
    expect(await authenticateApiToken(db, bearer(second))).toBeNull()
  })

  it.each([null, '', 'Bearer', 'Basic abc', 'Bearer sb_short', `Bearer sb_${'A'.repeat(43)}`, `bearer sb_${'A'.repeat(43)} extra`])(
    'refuse a header like %j',
    async (header) => {
      expect(await authenticateApiToken(db, header)).toBeNull()
    },
  )

  it('an agent manages only their own; users.tokens manages anyone’s in the workspace, never another workspace’s', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    const agent = await createTestUser(db, ws.tenantId)
    const colleague = await createTestUser(db, ws.tenantId)
    expect((await createApiToken(db, as(ws, agent.id, 'Agent'), { ownerId: agent.id, name: 'mine' })).ok).toBe(true)
    expect(await createApiToken(db, as(ws, agent.id, 'Agent'), { ownerId: colleague.id, name: 'theirs' })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/permission/),
    })
    expect(await createApiToken(db, as(other, other.admin.id, 'Admin'), { ownerId: agent.id, name: 'foreign' })).toMatchObject({
      ok: false,
      formError: 'This user no longer exists.',
    })

    const [mine] = await listApiTokens(db, ws.tenantId, agent.id)
    expect(await revokeApiToken(db, as(ws, colleague.id, 'Agent'), { ownerId: agent.id, tokenId: mine!.id })).toMatchObject({ ok: false })
    expect(await revokeApiToken(db, as(other, other.admin.id, 'Admin'), { ownerId: agent.id, tokenId: mine!.id })).toMatchObject({
      ok: false,
    })
    expect((await listApiTokens(db, ws.tenantId, agent.id))[0]?.revokedAt).toBeNull()
    expect(await revokeApiToken(db, as(ws, ws.admin.id, 'Admin'), { ownerId: agent.id, tokenId: mine!.id })).toMatchObject({ ok: true })
  })

  it('validate the name and the expiry date', async () => {
    const ws = await createTestWorkspace(db)
    const cases: [object, string, RegExp][] = [
      [{ name: ' ' }, 'name', /name/],
      [{ name: 'x'.repeat(101) }, 'name', /100/],
      [{ name: 'ok', expiresOn: '2020-01-01' }, 'expiresOn', /after today/],
      [{ name: 'ok', expiresOn: '2099-01-01' }, 'expiresOn', /three years/],
      [{ name: 'ok', expiresOn: 'tomorrow' }, 'expiresOn', /date/],
    ]
    for (const [input, field, message] of cases) {
      const result = await createApiToken(db, as(ws, ws.admin.id, 'Admin'), { ownerId: ws.admin.id, ...input })
      expect(result.ok ? null : result.fieldErrors[field as 'name']).toMatch(message)
    }
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    expect((await createApiToken(db, as(ws, ws.admin.id, 'Admin'), { ownerId: ws.admin.id, name: 'ok', expiresOn: nextMonth })).ok).toBe(
      true,
    )
    expect(await db.select().from(users).where(eq(users.tenantId, ws.tenantId))).toHaveLength(1)
  })
})
