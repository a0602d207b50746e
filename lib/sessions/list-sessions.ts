import 'server-only'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { dashboardSessions, users } from '@/db/schema'
import { liveSessionSql } from '@/lib/auth/session-idle'
import { scopeCondition, type Reach } from '@/lib/auth/scope'
import { describeUserAgent } from '@/lib/http/user-agent'

/** A dashboard session that counts as signed in now (not ended, not expired, not idle past the timeout). */
export interface LiveSession {
  id: string
  userId: string
  /** "Firefox 133 on macOS". */
  device: string
  ip: string | null
  signedInAt: Date
  lastActiveAt: Date
}

/**
 * The live sessions of one live user of the workspace (or, without `userId`,
 * of all its users within reach: the API), newest first; none for another
 * workspace's ids or, for a scoped reach, users outside its groups.
 */
export async function listLiveSessions(
  db: Queryable,
  reach: Reach,
  userId: string | null,
  page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
): Promise<LiveSession[]> {
  const rows = await db
    .select({
      id: dashboardSessions.id,
      userId: dashboardSessions.userId,
      userAgent: dashboardSessions.userAgent,
      ip: dashboardSessions.ip,
      signedInAt: dashboardSessions.createdAt,
      lastActiveAt: dashboardSessions.lastSeenAt,
    })
    .from(dashboardSessions)
    .innerJoin(users, and(eq(users.tenantId, dashboardSessions.tenantId), eq(users.id, dashboardSessions.userId), isNull(users.deletedAt)))
    .where(
      and(
        eq(dashboardSessions.tenantId, reach.tenantId),
        userId ? eq(dashboardSessions.userId, userId) : undefined,
        liveSessionSql(users.role),
        scopeCondition(reach),
      ),
    )
    .orderBy(desc(dashboardSessions.createdAt), desc(dashboardSessions.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map(({ userAgent, ...r }) => ({ ...r, device: describeUserAgent(userAgent), ip: r.ip ?? null }))
}

/** The user a live or ended session of the workspace belongs to, or null (another workspace's id, or none). */
export async function sessionOwner(db: Queryable, tenantId: string, sessionId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: dashboardSessions.userId })
    .from(dashboardSessions)
    .where(and(eq(dashboardSessions.tenantId, tenantId), eq(dashboardSessions.id, sessionId)))
  return row?.userId ?? null
}

/**
 * When the user signed in, if they are signed in now: their oldest live
 * session's start, as a column of a users query (the list's "Signed in" column).
 */
export function signedInSinceColumn() {
  return sql<Date | null>`(
    SELECT min(${dashboardSessions.createdAt}) FROM ${dashboardSessions}
    WHERE ${dashboardSessions.tenantId} = ${users.tenantId} AND ${dashboardSessions.userId} = ${users.id}
      AND ${liveSessionSql(users.role)})`.mapWith((v: unknown) => (v === null || v instanceof Date ? v : new Date(String(v))))
}

/** Whether the user has a live session, as a condition on a users query (the list's Signed in filter, the board). */
export const signedInSql = () =>
  sql<boolean>`EXISTS (
    SELECT 1 FROM ${dashboardSessions}
    WHERE ${dashboardSessions.tenantId} = ${users.tenantId} AND ${dashboardSessions.userId} = ${users.id}
      AND ${liveSessionSql(users.role)})`
