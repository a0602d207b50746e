import 'server-only'
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Queryable } from '@/db/client'
import { users } from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'

export const DELETED_PAGE_SIZE = 50

/** One page of the workspace's deleted users, newest deletion first, with who deleted them. */
export async function listDeletedUsers(db: Queryable, reach: Reach, page: number) {
  const tenantId = reach.tenantId
  const deleter = alias(users, 'deleter')
  const rows = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      username: users.username,
      email: users.email,
      role: users.role,
      deletedAt: sql<Date>`${users.deletedAt}`.mapWith(users.deletedAt),
      deletedBy: deleter.username,
    })
    .from(users)
    .leftJoin(deleter, and(eq(deleter.tenantId, users.tenantId), eq(deleter.id, users.deletedBy)))
    .where(and(eq(users.tenantId, tenantId), isNotNull(users.deletedAt), scopeCondition(reach)))
    .orderBy(desc(users.deletedAt), desc(users.id))
    .limit(DELETED_PAGE_SIZE + 1)
    .offset((page - 1) * DELETED_PAGE_SIZE)
  return { rows: rows.slice(0, DELETED_PAGE_SIZE), hasMore: rows.length > DELETED_PAGE_SIZE }
}
