import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import { users } from '@/db/schema'

/** A user of this workspace that is not deleted, by id from a URL; null for anything else (bad id, other workspace). */
export async function findUser(db: Queryable, tenantId: string, rawId: string) {
  const id = z.uuid().safeParse(rawId)
  if (!id.success) return null
  const [user] = await db
    .select({ id: users.id, fullName: users.fullName, username: users.username })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id.data), isNull(users.deletedAt)))
  return user ?? null
}
