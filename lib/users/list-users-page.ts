import 'server-only'
import { sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import type { Reach } from '@/lib/auth/scope'
import { filterOptionsColumns, type FilterOptions } from './list-filter-options'
import type { UserListParams } from './list-params'
import { savedViewsColumn, savedViewsOf, type SavedView, type SavedViewRow, type Viewer } from './list-saved-views'
import { pageTotal, userListQueries, type UserListPage } from './list-users'

export interface UsersListPage {
  page: UserListPage
  options: FilterOptions
  views: SavedView[]
}

/**
 * What the users list page reads, in two statements run side by side: its rows,
 * and one row of the rest (the capped count, the filter options, the saved
 * views). Each statement costs a round trip, a plan and the pool's writes
 * (together 0.5–1.4 ms less CPU per users page with two statements fewer:
 * docs/performance.md), and the count is the one that takes time at a million
 * users, so the rest rides along with it.
 */
export async function loadUsersListPage(db: Queryable, viewer: Reach & Viewer, p: UserListParams): Promise<UsersListPage> {
  const queries = userListQueries(db, viewer, p)
  const [rows, facts] = await Promise.all([
    queries.rows,
    db.execute(
      sql`SELECT (${queries.count}) AS counted, ${filterOptionsColumns(db, viewer)}, ${savedViewsColumn(viewer)} AS views`,
    ) as unknown as Promise<{
      rows: (FilterOptions & { counted: number; views: SavedViewRow[] })[]
    }>,
  ])
  const { counted, views, ...options } = facts.rows[0]!
  return { page: { rows, total: pageTotal(counted, p) }, options, views: savedViewsOf(viewer, views, options) }
}
