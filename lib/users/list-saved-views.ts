import 'server-only'
import { and, asc, eq, or } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
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

/**
 * The actor's own views and the workspace's shared ones, by name. A view
 * naming a group or profile deleted since opens without that filter, and says so.
 */
export async function listSavedViews(db: Queryable, actor: Viewer, options: FilterOptions | Promise<FilterOptions>): Promise<SavedView[]> {
  // The page loads the filter options anyway: the views are read alongside, not after them.
  const [rows, known] = await Promise.all([
    db
      .select()
      .from(savedViews)
      .where(and(eq(savedViews.tenantId, actor.tenantId), or(eq(savedViews.ownerId, actor.userId), eq(savedViews.shared, true))))
      .orderBy(asc(savedViews.name), asc(savedViews.id)),
    options,
  ])
  return rows.map((row) => viewOf(actor, row, known))
}

function viewOf(actor: Viewer, row: typeof savedViews.$inferSelect, options: FilterOptions): SavedView {
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
