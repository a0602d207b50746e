import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import { users } from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'

/** A user of this workspace that is not deleted and within reach, by id from a URL; null for anything else (bad id, other workspace, outside a scoped reach). */
export async function findUser(db: Queryable, reach: Reach, rawId: string) {
  const id = z.uuid().safeParse(rawId)
  if (!id.success) return null
  const [user] = await db
    .select({ id: users.id, fullName: users.fullName, username: users.username })
    .from(users)
    .where(and(eq(users.tenantId, reach.tenantId), eq(users.id, id.data), isNull(users.deletedAt), scopeCondition(reach)))
  return user ?? null
}
