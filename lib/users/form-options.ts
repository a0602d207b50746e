import 'server-only'
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, users, type ExtensionType } from '@/db/schema'
import { loadFilterOptions, type FilterOptions } from './filter-options'

/** How many free extensions the form offers; past it the admin narrows with the list's search instead. */
export const FREE_EXTENSIONS_SHOWN = 500

export interface UserFormOptions {
  extensions: { id: string; number: string; type: ExtensionType }[]
  /** More free extensions exist than the form lists. */
  moreExtensions: boolean
  profiles: FilterOptions['profiles']
  groups: FilterOptions['groups']
}

/**
 * The choices of the user form: free extensions of this workspace (plus the
 * one the edited user holds), every profile with its role, every group.
 */
export async function loadUserFormOptions(db: Queryable, tenantId: string, userId: string | null): Promise<UserFormOptions> {
  const holder = users
  const [extensionRows, { profiles, groups }] = await Promise.all([
    db
      .select({ id: extensions.id, number: extensions.number, type: extensions.type })
      .from(extensions)
      .leftJoin(holder, and(eq(holder.tenantId, extensions.tenantId), eq(holder.extensionId, extensions.id)))
      .where(and(eq(extensions.tenantId, tenantId), userId ? or(isNull(holder.id), eq(holder.id, userId)) : isNull(holder.id)))
      // The user's own extension first, then numbers as numbers (2000 after 300).
      .orderBy(sql`${holder.id} IS NULL`, sql`length(${extensions.number})`, asc(extensions.number))
      .limit(FREE_EXTENSIONS_SHOWN + 1),
    loadFilterOptions(db, tenantId),
  ])
  return {
    extensions: extensionRows.slice(0, FREE_EXTENSIONS_SHOWN),
    moreExtensions: extensionRows.length > FREE_EXTENSIONS_SHOWN,
    profiles,
    groups,
  }
}
