import 'server-only'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, groups, profiles, userGroups, users } from '@/db/schema'
import type { UserListParams } from '@/lib/users/list-params'
import { sortExpression, userListOrder, userListWhere } from '@/lib/users/list-users'

export const EXPORT_BATCH = 1000

export interface ExportRow {
  fullName: string
  username: string
  email: string
  extension: string | null
  extensionType: string | null
  role: string
  profile: string | null
  groups: string
  status: string
  forceLogin: boolean
  lastLoginAt: Date | null
  createdAt: Date
}

/** The export's columns, in order, with their header text. */
export const EXPORT_COLUMNS: { key: keyof ExportRow; header: string }[] = [
  { key: 'fullName', header: 'Full name' },
  { key: 'username', header: 'Username' },
  { key: 'email', header: 'Email' },
  { key: 'extension', header: 'Extension' },
  { key: 'extensionType', header: 'Extension type' },
  { key: 'role', header: 'Role' },
  { key: 'profile', header: 'Profile' },
  { key: 'groups', header: 'Groups' },
  { key: 'status', header: 'Status' },
  { key: 'forceLogin', header: 'Force login' },
  { key: 'lastLoginAt', header: 'Last login' },
  { key: 'createdAt', header: 'Created' },
]

/**
 * Every row of the users list's current view (same search, filters and sort,
 * all pages), in batches, paging by keyset on (sort value, id) so the 100th
 * batch costs what the first does and nothing holds more than one batch.
 * Never a secret: the columns are listed here.
 */
export async function* exportRows(db: Queryable, tenantId: string, params: UserListParams, batch = EXPORT_BATCH): AsyncGenerator<ExportRow[]> {
  const where = userListWhere(tenantId, params)
  const order = userListOrder(params.sort)
  const key = sortExpression(params.sort.key)
  // A workspace has few groups: name them here, and let each row carry only its group ids
  // (an index-only lookup per row, half the cost of joining the names in SQL).
  const groupNames = new Map(
    (await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.tenantId, tenantId))).map((g) => [g.id, g.name]),
  )
  const namesOf = (ids: string[] | null) =>
    (ids ?? [])
      .map((id) => groupNames.get(id))
      .filter((n): n is string => n !== undefined)
      .sort((a, b) => a.localeCompare(b))
      .join(', ')
  const fetchBatch = (cursor: { value: unknown; id: string } | null) => {
    const keyset: SQL | undefined = cursor
      ? params.sort.desc
        ? sql`(${key}, ${users.id}) < (${cursor.value}, ${cursor.id}::uuid)`
        : sql`(${key}, ${users.id}) > (${cursor.value}, ${cursor.id}::uuid)`
      : undefined
    return db
      .select({
        id: users.id,
        sortValue: sql<unknown>`${key}`,
        fullName: users.fullName,
        username: users.username,
        email: users.email,
        extension: extensions.number,
        extensionType: extensions.type,
        role: users.role,
        profile: profiles.name,
        groupIds: sql<string[] | null>`(SELECT array_agg(${userGroups.groupId}) FROM ${userGroups} WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id})`,
        status: users.status,
        forceLogin: users.forceLogin,
        lastLoginAt: users.lastLoginAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .leftJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
      .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
      .where(and(where, keyset))
      .orderBy(...order)
      .limit(batch)
  }
  // The next batch is asked for as soon as this one has arrived, so the
  // database works on it while this one is written out (half the time of a
  // CSV export was the app waiting for the database). At most two batches
  // are held: the one being written and the one on its way.
  let pending: Promise<Awaited<ReturnType<typeof fetchBatch>>> | null = fetchBatch(null)
  try {
    while (pending) {
      const rows: Awaited<ReturnType<typeof fetchBatch>> = await pending
      const last = rows.at(-1)
      pending = rows.length === batch && last ? fetchBatch({ value: last.sortValue, id: last.id }) : null
      if (rows.length) yield rows.map(({ id: _id, sortValue: _s, groupIds, ...r }) => ({ ...r, groups: namesOf(groupIds) }))
    }
  } finally {
    // The reader went away with a batch on its way: nobody will read it, but a failure is still logged.
    pending?.catch((error: unknown) => console.error('Export: a batch nobody waited for failed:', error))
  }
}

/**
 * OWASP CSV injection: a cell starting with = + - @, tab, CR or NUL would be
 * read as a formula by a spreadsheet; a leading apostrophe makes it text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r\0]/.test(value) ? `'${value}` : value
}
