import 'server-only'
import { and, desc, eq } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { loginEvents } from '@/db/schema'

export const LOGIN_TIMES_PAGE_SIZE = 50

/** One page of a user's sign-ins, sign-outs and failed attempts, newest first. */
export async function listLoginTimes(db: Queryable, tenantId: string, userId: string, page: number) {
  const rows = await db
    .select({
      id: loginEvents.id,
      kind: loginEvents.kind,
      outcome: loginEvents.outcome,
      factor: loginEvents.factor,
      ip: loginEvents.ip,
      userAgent: loginEvents.userAgent,
      at: loginEvents.createdAt,
    })
    .from(loginEvents)
    .where(and(eq(loginEvents.tenantId, tenantId), eq(loginEvents.userId, userId)))
    .orderBy(desc(loginEvents.createdAt), desc(loginEvents.id))
    .limit(LOGIN_TIMES_PAGE_SIZE + 1)
    .offset((page - 1) * LOGIN_TIMES_PAGE_SIZE)
  return { rows: rows.slice(0, LOGIN_TIMES_PAGE_SIZE), hasMore: rows.length > LOGIN_TIMES_PAGE_SIZE }
}
