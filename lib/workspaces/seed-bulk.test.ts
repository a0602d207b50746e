import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { users } from '@/db/schema'
import { emailSchema, usernameSchema } from '@/lib/users/user-fields'
import { bulkSeed } from './seed-bulk'

describe('seed:bulk', () => {
  let db: Db
  let tenantId: string
  // One seeded workspace for every check here (a seed is the slow part).
  beforeAll(async () => {
    db = await getDb()
    ;({ tenantId } = await bulkSeed(db, { slug: `seed-${Date.now().toString(36)}`, users: 300, adminPassword: 'bench-password-123' }))
  })

  it('makes users the form accepts as they are (a bench saving one through the API must not be refused)', async () => {
    const rows = await db.select({ email: users.email, username: users.username }).from(users).where(eq(users.tenantId, tenantId))
    expect(rows.length).toBe(301)
    expect(rows.filter((r) => !emailSchema.safeParse(r.email).success).map((r) => r.email)).toEqual([])
    expect(rows.filter((r) => !usernameSchema.safeParse(r.username).success).map((r) => r.username)).toEqual([])
  })

  it('writes each user with what the search matches complete: their groups (written before them), extension and profile', async () => {
    const facts = (await db.execute(sql`
      SELECT count(*) FILTER (WHERE u.search_text IS DISTINCT FROM users_search_text(u))::int AS stale,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM user_groups ug WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id))::int AS members
        FROM users u WHERE u.tenant_id = ${tenantId}`)) as unknown as { rows: { stale: number; members: number }[] }
    expect(facts.rows[0]!.stale).toBe(0)
    expect(facts.rows[0]!.members).toBeGreaterThan(200)
  })
})
