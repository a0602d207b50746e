import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/db/client'
import { users } from '@/db/schema'
import { emailSchema, usernameSchema } from '@/lib/users/user-fields'
import { bulkSeed } from './seed-bulk'

describe('seed:bulk', () => {
  it('makes users the form accepts as they are (a bench saving one through the API must not be refused)', async () => {
    const db = await getDb()
    const { tenantId } = await bulkSeed(db, { slug: `seed-${Date.now().toString(36)}`, users: 300, adminPassword: 'bench-password-123' })
    const rows = await db.select({ email: users.email, username: users.username }).from(users).where(eq(users.tenantId, tenantId))
    expect(rows.length).toBe(301)
    expect(rows.filter((r) => !emailSchema.safeParse(r.email).success).map((r) => r.email)).toEqual([])
    expect(rows.filter((r) => !usernameSchema.safeParse(r.username).success).map((r) => r.username)).toEqual([])
  })
})
