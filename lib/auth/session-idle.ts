import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { dashboardSessions } from '@/db/schema'

/**
 * Idle timeout: an Admin's or Supervisor's session ends after
 * SESSION_IDLE_MINUTES (default 30) without a request; an unattended admin
 * browser is a workspace left open. Agents are exempt: an agent with force
 * login may be on a long call without touching the portal, and signing them
 * out would stop their calls; their sessions last the 12-hour shift.
 *
 * Last activity is written at most once a minute (SESSION_TOUCH_SECONDS), so
 * a session ends between the idle time and a minute after it.
 */
export function sessionIdleSeconds(): number {
  const raw = process.env.SESSION_IDLE_MINUTES
  const minutes = raw === undefined || raw.trim() === '' ? 30 : Number(raw)
  // Out of range or not a number: the default, rather than a portal nobody can stay signed in to.
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 720 ? minutes * 60 : 30 * 60
}

/** True for a session idle too long for this role (agents never are). */
export function idleSql(role: AnyPgColumn | SQL): SQL<boolean> {
  return sql<boolean>`(${role} <> 'Agent' AND ${dashboardSessions.lastSeenAt} < now() - make_interval(secs => ${sessionIdleSeconds()}))`
}

/** A session that counts as signed in now: not ended, not expired, not idle past the timeout. */
export function liveSessionSql(role: AnyPgColumn | SQL): SQL<boolean> {
  return sql<boolean>`(${dashboardSessions.endedAt} IS NULL AND ${dashboardSessions.expiresAt} > now() AND NOT ${idleSql(role)})`
}
