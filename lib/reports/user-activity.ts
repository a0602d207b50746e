import 'server-only'
import { sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import type { UserListParams } from '@/lib/users/list-params'
import { dayIn, endOfDayIn, isoDay, parseDay, startOfDayIn } from '@/lib/time/zoned-day'
import { userListWhere } from '@/lib/users/list-users'
import type { Reach } from '@/lib/auth/scope'

export const REPORT_PAGE_SIZE = 50
const DAY = 86_400_000
const MAX_DAYS = 366

export interface ReportRange {
  from: Date
  /** Exclusive: the start of the day after the last one shown. */
  to: Date
  fromText: string
  toText: string
  days: number
  /** The zone whose calendar days these are. */
  timeZone: string
}

/**
 * `?from=&to=`: whole days in the workspace's time zone (the last 7 by default);
 * a reversed or over-long range falls back to sensible bounds.
 */
export function reportRange(raw: { from?: unknown; to?: unknown }, timeZone = 'UTC', now = new Date()): ReportRange {
  let last = parseDay(raw.to) ?? dayIn(now, timeZone)
  let first = parseDay(raw.from) ?? new Date(last.getTime() - 6 * DAY)
  if (first > last) [first, last] = [last, first]
  if ((last.getTime() - first.getTime()) / DAY >= MAX_DAYS) first = new Date(last.getTime() - (MAX_DAYS - 1) * DAY)
  const days = Math.round((last.getTime() - first.getTime()) / DAY) + 1
  return {
    from: startOfDayIn(first, timeZone),
    to: endOfDayIn(last, timeZone),
    fromText: isoDay(first),
    toText: isoDay(last),
    days,
    timeZone,
  }
}

/**
 * When a session stopped counting: its sign-out, else its last sign of life
 * (the dashboard touches it while in use) capped by its expiry and now.
 */
const sessionEnd = sql`coalesce(ds.ended_at, least(greatest(ds.last_seen_at, ds.created_at), ds.expires_at, now()))`

export interface ActivityRow {
  userId: string
  fullName: string
  username: string
  firstSignIn: Date | null
  lastSignOut: Date | null
  sessions: number
  secondsSignedIn: number
  failedAttempts: number
}

/**
 * Per user of the list's view (same search and filters) with any activity in
 * the range: first sign-in and last sign-out in it, sessions, time signed in
 * (each session clipped to the range) and failed sign-in attempts. By name.
 */
export async function userActivity(
  db: Queryable,
  reach: Reach,
  params: UserListParams,
  range: ReportRange,
  page: number,
  size = REPORT_PAGE_SIZE,
) {
  const result = (await db.execute(sql`
    WITH s AS (
      SELECT ds.user_id,
             min(ds.created_at) FILTER (WHERE ds.created_at >= ${range.from.toISOString()}::timestamptz) AS first_sign_in,
             max(ds.ended_at) FILTER (WHERE ds.end_reason = 'signed_out' AND ds.ended_at < ${range.to.toISOString()}::timestamptz) AS last_sign_out,
             count(*)::int AS sessions,
             sum(extract(epoch FROM least(${sessionEnd}, ${range.to.toISOString()}::timestamptz) - greatest(ds.created_at, ${range.from.toISOString()}::timestamptz)))::float8 AS seconds
        FROM dashboard_sessions ds
       WHERE ds.tenant_id = ${reach.tenantId} AND ds.created_at < ${range.to.toISOString()}::timestamptz AND ${sessionEnd} > ${range.from.toISOString()}::timestamptz
       GROUP BY ds.user_id
    ), f AS (
      SELECT le.user_id, count(*)::int AS failed
        FROM login_events le
       WHERE le.tenant_id = ${reach.tenantId} AND le.kind = 'sign_in' AND le.outcome <> 'success' AND le.user_id IS NOT NULL
         AND le.created_at >= ${range.from.toISOString()}::timestamptz AND le.created_at < ${range.to.toISOString()}::timestamptz
       GROUP BY le.user_id
    ), active AS (
      SELECT user_id FROM s UNION SELECT user_id FROM f
    )
    -- From the users with activity to their rows (by key), not from every user of the workspace to their
    -- activity: the view's filters, the scope included, are checked for those only (a scoped report read
    -- 100,000 users for 220 ms; bench:scope).
    SELECT users.id AS "userId", users.full_name AS "fullName", users.username,
           s.first_sign_in AS "firstSignIn", s.last_sign_out AS "lastSignOut",
           coalesce(s.sessions, 0) AS sessions, coalesce(s.seconds, 0) AS "secondsSignedIn", coalesce(f.failed, 0) AS "failedAttempts"
      FROM active
      JOIN users ON users.tenant_id = ${reach.tenantId} AND users.id = active.user_id
      LEFT JOIN s ON s.user_id = users.id
      LEFT JOIN f ON f.user_id = users.id
     WHERE ${userListWhere(reach, params)}
     ORDER BY users.full_name, users.id
     LIMIT ${size + 1} OFFSET ${(page - 1) * size}`)) as unknown as { rows: Record<string, unknown>[] }
  const rows: ActivityRow[] = result.rows.map((r) => ({
    userId: String(r.userId),
    fullName: String(r.fullName),
    username: String(r.username),
    firstSignIn: r.firstSignIn ? new Date(r.firstSignIn as string) : null,
    lastSignOut: r.lastSignOut ? new Date(r.lastSignOut as string) : null,
    sessions: Number(r.sessions),
    secondsSignedIn: Math.round(Number(r.secondsSignedIn)),
    failedAttempts: Number(r.failedAttempts),
  }))
  return { rows: rows.slice(0, size), hasMore: rows.length > size }
}

/** Distinct users of the view signed in on each day of the range (a session overlapping the day counts). */
export async function signedInPerDay(
  db: Queryable,
  reach: Reach,
  params: UserListParams,
  range: ReportRange,
): Promise<{ day: string; users: number }[]> {
  const result = (await db.execute(sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, count(DISTINCT ds.user_id)::int AS users
      FROM generate_series(${range.fromText}::date, ${range.toText}::date, interval '1 day') AS d(day)
      LEFT JOIN (
        SELECT ds.user_id, ds.created_at, ${sessionEnd} AS ended
          FROM dashboard_sessions ds JOIN users ON users.tenant_id = ds.tenant_id AND users.id = ds.user_id
         WHERE ds.tenant_id = ${reach.tenantId} AND ${userListWhere(reach, params)}
           AND ds.created_at < ${range.to.toISOString()}::timestamptz
      ) ds ON ds.created_at < ((d.day + interval '1 day')::timestamp AT TIME ZONE ${range.timeZone})
          AND ds.ended > (d.day::timestamp AT TIME ZONE ${range.timeZone})
     GROUP BY d.day ORDER BY d.day`)) as unknown as { rows: { day: string; users: number }[] }
  return result.rows.map((r) => ({ day: r.day, users: Number(r.users) }))
}

/** "3 h 05 min" */
export function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`
}
