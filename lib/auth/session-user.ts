import 'server-only'
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { Db, Queryable } from '@/db/client'
import { dashboardSessions, profiles, tenants, users, type Role } from '@/db/schema'
import { effectivePermissions, type Permission } from './permissions'
import { scopeSizeColumn } from './scope'
import { SESSION_MAX_AGE_SECONDS, SESSION_TOUCH_SECONDS } from './session-constants'
import { idleSql } from './session-idle'

/** What a signed-in request carries in its session token. */
export interface SessionClaims {
  userId: string
  tenantId: string
  sessionVersion: number
  sessionId: string
}

export interface SessionUser {
  id: string
  tenantId: string
  tenantSlug: string
  tenantName: string
  /** The workspace's time zone (IANA): every time shown to this user is in it (app/_components/date-time.ts). */
  timeZone: string
  fullName: string
  username: string
  email: string
  role: Role
  permissions: ReadonlySet<Permission>
  /** The same as `id`: a session user is a Reach (lib/auth/scope.ts) for every read of users. */
  userId: string
  /** The profile's scope is `Only the groups they manage` (lib/auth/scope.ts): read with the user on every request. */
  scoped: boolean
  /** lib/auth/scope.ts's plan hint, this request's (scoped profiles only). */
  scopeSize?: number
  sessionId: string
}

export type SessionRejection = 'no-user' | 'deleted' | 'inactive' | 'revoked' | 'session-ended' | 'idle'

/**
 * Re-reads the user behind a session token on every request, so deactivation,
 * deletion, a password change (session version) or a sign-out elsewhere take
 * effect on the very next request, whatever the token still says.
 */
export async function loadSessionUser(
  db: Db,
  claims: SessionClaims,
  /** `touch: false`: a check that is no activity of the user's (the live board's stream re-checking its viewer). */
  options: { touch?: boolean } = {},
): Promise<{ ok: true; user: SessionUser } | { ok: false; reason: SessionRejection }> {
  const [row] = await db
    .select({
      id: users.id,
      tenantId: users.tenantId,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      timeZone: tenants.timeZone,
      fullName: users.fullName,
      username: users.username,
      email: users.email,
      role: users.role,
      status: users.status,
      deletedAt: users.deletedAt,
      sessionVersion: users.sessionVersion,
      profilePermissions: profiles.permissions,
      profileScope: profiles.scope,
      scopeSize: scopeSizeColumn(profiles.scope),
      sessionEndedAt: dashboardSessions.endedAt,
      sessionExpired: sql<boolean>`${dashboardSessions.expiresAt} <= now()`,
      sessionStale: sql<boolean>`${dashboardSessions.lastSeenAt} < now() - make_interval(secs => ${SESSION_TOUCH_SECONDS})`,
      sessionIdle: idleSql(users.role),
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .leftJoin(
      dashboardSessions,
      and(
        eq(dashboardSessions.tenantId, users.tenantId),
        eq(dashboardSessions.userId, users.id),
        eq(dashboardSessions.id, claims.sessionId),
      ),
    )
    .where(and(eq(users.tenantId, claims.tenantId), eq(users.id, claims.userId)))
    .limit(1)

  if (!row) return { ok: false, reason: 'no-user' }
  const reason: SessionRejection | null = row.deletedAt
    ? 'deleted'
    : row.status !== 'active'
      ? 'inactive'
      : row.sessionVersion !== claims.sessionVersion
        ? 'revoked'
        : row.sessionEndedAt !== null || row.sessionExpired === null || row.sessionExpired
          ? 'session-ended'
          : row.sessionIdle
            ? 'idle'
            : null

  if (reason) {
    if (reason !== 'session-ended') await endDashboardSession(db, claims, reason)
    return { ok: false, reason }
  }
  if (row.sessionStale && options.touch !== false) {
    await db
      .update(dashboardSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(dashboardSessions.tenantId, claims.tenantId), eq(dashboardSessions.id, claims.sessionId)))
  }
  return {
    ok: true,
    user: {
      id: row.id,
      userId: row.id,
      tenantId: row.tenantId,
      tenantSlug: row.tenantSlug,
      tenantName: row.tenantName,
      timeZone: row.timeZone,
      fullName: row.fullName,
      username: row.username,
      email: row.email,
      role: row.role,
      permissions: effectivePermissions(row.role, row.profilePermissions),
      scoped: row.profileScope === 'managed_groups',
      ...(row.scopeSize !== null ? { scopeSize: row.scopeSize } : {}),
      sessionId: claims.sessionId,
    },
  }
}

/**
 * Opens a dashboard session: what force login and the sessions pages read.
 * A password change opens a new one (never reuses the id), so a request with
 * the pre-change cookie can end only the old session.
 */
export async function openDashboardSession(
  db: Queryable,
  s: { tenantId: string; userId: string; ip: string | null; userAgent: string; expiresAt?: Date },
): Promise<string> {
  const [session] = await db
    .insert(dashboardSessions)
    .values({
      tenantId: s.tenantId,
      userId: s.userId,
      expiresAt: s.expiresAt ?? sql`now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`,
      ip: s.ip,
      userAgent: s.userAgent,
    })
    .returning({ id: dashboardSessions.id })
  return session!.id
}

/** Marks a dashboard session ended (idempotent: the first reason wins). */
export async function endDashboardSession(db: Db, claims: SessionClaims, reason: string): Promise<boolean> {
  const ended = await db
    .update(dashboardSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(
      and(
        eq(dashboardSessions.tenantId, claims.tenantId),
        eq(dashboardSessions.id, claims.sessionId),
        eq(dashboardSessions.userId, claims.userId),
        isNull(dashboardSessions.endedAt),
      ),
    )
    .returning({ id: dashboardSessions.id })
  return ended.length > 0
}

/** Ends the users' open dashboard sessions now (sign-in pages and the PBX see it at once), but `keep` (this browser's). */
export async function endDashboardSessions(db: Queryable, tenantId: string, userIds: string[], reason: string, keep?: string) {
  if (!userIds.length) return
  await db
    .update(dashboardSessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(
      and(
        eq(dashboardSessions.tenantId, tenantId),
        inArray(dashboardSessions.userId, userIds),
        isNull(dashboardSessions.endedAt),
        keep ? ne(dashboardSessions.id, keep) : undefined,
      ),
    )
}
