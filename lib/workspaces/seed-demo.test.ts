import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { extensions, tenants, users } from '@/db/schema'
import { DEMO, seedDemo } from './seed-demo'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { effectivePermissions } from '@/lib/auth/permissions'
import { loadUserForEdit } from '@/lib/users/load-user-for-edit'
import { wholeWorkspace } from '@/lib/auth/scope'
import { updateUser } from '@/lib/users/manage-users'

let db: Db
const key = Buffer.alloc(32, 9).toString('base64')

beforeAll(async () => {
  db = await getDb()
  const existing = await db.select().from(tenants).where(eq(tenants.slug, DEMO.workspace))
  // On a shared test database another run may have seeded it already; the test then checks idempotence only.
  if (existing.length === 0) expect((await seedDemo(db, key)).created).toBe(true)
})

describe('seedDemo', () => {
  it('is idempotent', async () => {
    expect((await seedDemo(db, key)).created).toBe(false)
    expect(await db.select().from(tenants).where(eq(tenants.slug, DEMO.workspace))).toHaveLength(1)
  })

  it('lets the demo admin sign in with the documented password', async () => {
    const result = await verifyCredentials(
      db,
      { workspace: 'demo', identifier: 'admin', password: 'switchboard-demo' },
      { ip: null, userAgent: '' },
    )
    expect(result.ok).toBe(true)
  })

  it('seeds realistic users with extensions whose SIP secrets are encrypted', async () => {
    const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, DEMO.workspace))
    const people = await db.select().from(users).where(eq(users.tenantId, tenant!.id))
    expect(people.length).toBeGreaterThanOrEqual(8)
    expect(new Set(people.map((u) => u.role))).toEqual(new Set(['Admin', 'Supervisor', 'Agent']))
    expect(people.some((u) => u.status === 'inactive')).toBe(true)
    expect(people.every((u) => u.searchText.includes(u.username))).toBe(true)
    const exts = await db
      .select()
      .from(extensions)
      .where(and(eq(extensions.tenantId, tenant!.id), isNotNull(extensions.sipSecretCiphertext)))
    expect(exts.length).toBeGreaterThanOrEqual(8)
    expect(exts.every((e) => e.sipSecretCiphertext!.split('.').length === 3)).toBe(true)
  })
})

describe('the demo data', () => {
  it('every seeded user can be saved unchanged through the form’s own rules', async () => {
    const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, DEMO.workspace))
    const [admin] = await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenant!.id), eq(users.username, DEMO.adminUsername)))
    const editor = { userId: admin!.id, tenantId: tenant!.id, label: 'test', permissions: effectivePermissions('Admin', null) }
    const people = await db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(eq(users.tenantId, tenant!.id), isNull(users.deletedAt)))
    const refused: string[] = []
    for (const person of people) {
      const current = await loadUserForEdit(db, wholeWorkspace(tenant!.id), person.id)
      const { version, ...values } = current!
      const result = await updateUser(db, editor, {
        ...{ ...values, extensionId: values.extensionId ?? '', profileId: values.profileId ?? '' },
        id: person.id,
        version: version,
      })
      if (!result.ok) refused.push(`${person.username}: ${JSON.stringify(result.fieldErrors)} ${result.formError ?? ''}`)
    }
    expect(refused).toEqual([])
  })
})
