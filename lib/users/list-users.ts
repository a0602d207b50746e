import 'server-only'
import { passwordStateSql } from './list-sign-in-facts'
import type { PasswordState } from './password-state'
import { containsPattern } from '@/lib/db/like'
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Queryable } from '@/db/client'
import {
  extensions,
  groups,
  importJobUsers,
  profiles,
  userGroups,
  users,
  type ExtensionType,
  type Role,
  type UserStatus,
} from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'
import type { SortKey, UserListParams } from './list-params'
import { signedInSinceColumn, signedInSql } from '@/lib/sessions/list-sessions'

/** Past this many matches the list says "10,000+" instead of counting every row. */
export const EXACT_COUNT_LIMIT = 10_000
/**
 * 1–2 character searches can't use the trigram index, so counting their matches
 * reads the workspace row by row: count less far ("1,000+").
 */
export const SHORT_TERM_COUNT_LIMIT = 1_000

const isShortTerm = (p: Pick<UserListParams, 'q'>) => !!p.q && p.q.length < 3

export function countLimit(p: Pick<UserListParams, 'q'>): number {
  return isShortTerm(p) ? SHORT_TERM_COUNT_LIMIT : EXACT_COUNT_LIMIT
}

export interface UserListRow {
  id: string
  fullName: string
  username: string
  email: string
  extensionNumber: string | null
  extensionType: ExtensionType | null
  role: Role
  profileName: string | null
  groups: { id: string; name: string }[]
  status: UserStatus
  /** The start of their oldest live dashboard session; null when not signed in now. */
  signedInSince: Date | null
  /** False for a user created without one (an import): they can't sign in until one is set. */
  /** `set`, or how far an invitation got (list-sign-in-facts.ts). */
  passwordState: PasswordState
  forceLogin: boolean
  lastLoginAt: Date | null
  createdAt: Date
}

export interface UserListPage {
  rows: UserListRow[]
  /** Exact up to countLimit(); `capped` means "more than that". */
  total: { count: number; capped: boolean }
}

/**
 * The WHERE of the users list (and of its exports, reports, bulk actions and
 * the API): always the caller's workspace, within their reach (a scoped
 * profile: members of the groups they manage), and never deleted users,
 * whatever the filters say.
 */
export function userListWhere(
  reach: Reach,
  p: Pick<UserListParams, 'q' | 'role' | 'profile' | 'group' | 'status' | 'type'> &
    Partial<Pick<UserListParams, 'department' | 'lastLogin' | 'signedIn' | 'import'>>,
): SQL {
  const conditions: (SQL | undefined)[] = [eq(users.tenantId, reach.tenantId), isNull(users.deletedAt), scopeCondition(reach)]
  if (p.q) {
    const pattern = containsPattern(p.q)
    // Trigrams need 3+ characters. For shorter terms an index can't help, and
    // handing the pattern to the trigram index would make it read all of it:
    // hide the column from it so the planner walks the list in order instead.
    conditions.push(p.q.length >= 3 ? sql`${users.searchText} LIKE ${pattern}` : sql`(${users.searchText} || '') LIKE ${pattern}`)
  }
  if (p.role.length) conditions.push(inArray(users.role, p.role))
  if (p.profile.length) conditions.push(inArray(users.profileId, p.profile))
  if (p.group.length) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${userGroups} WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id} AND ${inArray(userGroups.groupId, p.group)})`,
    )
  }
  if (p.department?.length) conditions.push(inArray(users.department, p.department))
  if (p.status) conditions.push(eq(users.status, p.status))
  if (p.import) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${importJobUsers} WHERE ${importJobUsers.tenantId} = ${users.tenantId} AND ${importJobUsers.jobId} = ${p.import} AND ${importJobUsers.userId} = ${users.id})`,
    )
  }
  if (p.lastLogin) conditions.push(lastLoginCondition(p.lastLogin))
  if (p.signedIn) conditions.push(p.signedIn === 'now' ? signedInSql() : sql`NOT ${signedInSql()}`)
  if (p.type === 'none') conditions.push(isNull(users.extensionId))
  else if (p.type) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${extensions} WHERE ${extensions.tenantId} = ${users.tenantId} AND ${extensions.id} = ${users.extensionId} AND ${extensions.type} = ${p.type})`,
    )
  }
  return and(...conditions)!
}

/**
 * The Last login filter, as a range of users_tenant_last_login_idx's own
 * expression (never signed in sorts as -infinity), so it reads only the
 * matching users: `never` is that one value, `90d` signed in, but before 90 days ago.
 */
function lastLoginCondition(value: NonNullable<UserListParams['lastLogin']>): SQL {
  const last = sql`coalesce(${users.lastLoginAt}, '-infinity'::timestamptz)`
  if (value === 'never') return sql`${last} = '-infinity'::timestamptz`
  const days = Number(value.slice(0, -1))
  return sql`${last} > '-infinity'::timestamptz AND ${last} < now() - make_interval(days => ${days}::int)`
}

// Each expression matches an index in db/schema.ts exactly, or the planner can't use it.
const SORT_COLUMNS: Record<SortKey, PgColumn | SQL> = {
  name: users.fullName,
  username: users.username,
  email: sql`lower(${users.email})`,
  role: users.role,
  status: users.status,
  force_login: users.forceLogin,
  // "Never signed in" sorts as the oldest sign-in.
  last_login: sql`coalesce(${users.lastLoginAt}, '-infinity'::timestamptz)`,
  created: users.createdAt,
}

/** The expression a sort key orders by (exports page through it by keyset). */
export const sortExpression = (key: SortKey): PgColumn | SQL => SORT_COLUMNS[key]

/** ORDER BY for an allow-listed key, with the id as a stable tiebreak. */
export function userListOrder(sort: UserListParams['sort']): SQL[] {
  const direction = sort.desc ? desc : asc
  return [direction(SORT_COLUMNS[sort.key]), direction(users.id)]
}

/** The queries one page of the list runs: its rows and its (capped) count. The bench EXPLAINs exactly these. */
export function userListQueries(db: Queryable, reach: Reach, p: UserListParams) {
  const where = userListWhere(reach, p)
  const order = userListOrder(p.sort)
  // Deferred join: find the page's ids on the users table alone (an index walk,
  // even deep into the list), then join extension and profile for those rows only.
  const page = db
    .select({ id: users.id })
    .from(users)
    .where(where)
    .orderBy(...order)
    .limit(p.size)
    .offset((p.page - 1) * p.size)
    .as('page')
  return {
    rows: db
      .select(userRowColumns())
      .from(page)
      .innerJoin(users, and(eq(users.tenantId, reach.tenantId), eq(users.id, page.id)))
      .leftJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
      .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
      // The same order again, over just this page's rows.
      .orderBy(...order),
    // Count at most one past the limit: past it, the exact figure is not worth the time.
    count: db.select({ n: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1` })
        .from(users)
        .where(where)
        // No index knows a 1–2 character term: walk the workspace's own list index (as the rows do) until enough
        // match. Unordered, the planner may read the table from its start instead, through every other
        // workspace's rows (a million-user workspace: 5 ms became 70 when the buffer cache grew).
        .orderBy(...(isShortTerm(p) ? [users.fullName] : []))
        .limit(countLimit(p) + 1)
        .as('matches'),
    ),
  }
}

/**
 * The columns of a UserListRow, for a query that joins `extensions` and
 * `profiles` onto `users` (the list's page, the read-only user page).
 */
export function userRowColumns() {
  return {
    id: users.id,
    fullName: users.fullName,
    username: users.username,
    email: users.email,
    extensionNumber: extensions.number,
    extensionType: extensions.type,
    role: users.role,
    profileName: profiles.name,
    status: users.status,
    passwordState: passwordStateSql,
    signedInSince: signedInSinceColumn(),
    forceLogin: users.forceLogin,
    lastLoginAt: users.lastLoginAt,
    createdAt: users.createdAt,
    groups: userGroupsColumn(),
  }
}

/**
 * A row's groups, by name, as one column of the row itself: the page needs no
 * second round trip for them (25–100 index lookups inside the same query).
 */
export function userGroupsColumn() {
  return sql<{ id: string; name: string }[]>`(
    SELECT coalesce(json_agg(json_build_object('id', ${groups.id}, 'name', ${groups.name}) ORDER BY ${groups.name}, ${groups.id}), '[]'::json)
    FROM ${userGroups} JOIN ${groups} ON ${groups.tenantId} = ${userGroups.tenantId} AND ${groups.id} = ${userGroups.groupId}
    WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id})`.mapWith((value: unknown) =>
    typeof value === 'string' ? JSON.parse(value) : value,
  )
}

export async function listUsers(db: Queryable, reach: Reach, p: UserListParams): Promise<UserListPage> {
  const queries = userListQueries(db, reach, p)
  const [rows, [counted]] = await Promise.all([queries.rows, queries.count])

  return { rows, total: pageTotal(counted?.n ?? 0, p) }
}

/** The page's total from the capped count (at most one past the limit). */
export function pageTotal(counted: number, p: Pick<UserListParams, 'q'>): UserListPage['total'] {
  const limit = countLimit(p)
  return { count: Math.min(counted, limit), capped: counted > limit }
}
