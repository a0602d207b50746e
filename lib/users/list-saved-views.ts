import 'server-only'
import { and, eq, or, sql, type SQL } from 'drizzle-orm'
import { savedViews } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import type { FilterOptions } from './list-filter-options'
import { parseUserListParams, userListQuery } from './list-params'

export interface SavedView {
  id: string
  name: string
  shared: boolean
  /** The actor may rename and delete it: their own, or a shared one with settings.manage. */
  mayManage: boolean
  /** The view's URL parameters without the filters on groups or profiles that were deleted since. */
  query: string
  /** What was left out of it, in words ("a group that was deleted"), or null. */
  dropped: string | null
}

export type Viewer = Pick<Actor, 'userId' | 'tenantId' | 'permissions'>
export const mayManage = (actor: Viewer, view: { ownerId: string; shared: boolean }) =>
  view.ownerId === actor.userId || (view.shared && actor.permissions.has('settings.manage'))

/** A saved view as its row holds it (what savedViewsColumn reads). */
export type SavedViewRow = Pick<typeof savedViews.$inferSelect, 'id' | 'name' | 'query' | 'shared' | 'ownerId'>

/**
 * The actor's own views and the workspace's shared ones, by name, as one JSON
 * column (SavedViewRow[]): the users list reads them in the statement that counts its matches.
 */
export function savedViewsColumn(actor: Viewer): SQL {
  const v = savedViews
  return sql`(SELECT coalesce(json_agg(json_build_object('id', ${v.id}, 'name', ${v.name}, 'query', ${v.query}, 'shared', ${v.shared}, 'ownerId', ${v.ownerId}) ORDER BY ${v.name}, ${v.id}), '[]')
    FROM ${v} WHERE ${and(eq(v.tenantId, actor.tenantId), or(eq(v.ownerId, actor.userId), eq(v.shared, true)))})`
}

/** The views as the list shows them: a view naming a group or profile deleted since opens without that filter, and says so. */
export function savedViewsOf(actor: Viewer, rows: SavedViewRow[], options: FilterOptions): SavedView[] {
  return rows.map((row) => viewOf(actor, row, options))
}

function viewOf(actor: Viewer, row: SavedViewRow, options: FilterOptions): SavedView {
  const params = parseUserListParams(new URLSearchParams(row.query))
  const group = params.group.filter((id) => options.groups.some((g) => g.id === id))
  const profile = params.profile.filter((id) => options.profiles.some((p) => p.id === id))
  const lost = [
    ...(group.length < params.group.length ? ['a group'] : []),
    ...(profile.length < params.profile.length ? ['a profile'] : []),
  ]
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    mayManage: mayManage(actor, row),
    query: userListQuery(params, { group, profile, page: 1 }).toString(),
    dropped: lost.length ? `${lost.join(' and ')} that ${lost.length > 1 ? 'were' : 'was'} deleted` : null,
  }
}
