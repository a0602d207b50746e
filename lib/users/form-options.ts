import 'server-only'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, type ExtensionType } from '@/db/schema'
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

const extensionColumns = { id: extensions.id, number: extensions.number, type: extensions.type }

/**
 * The choices of the user form: the edited user's own extension first, then
 * free extensions of this workspace in number order (an index read of
 * extensions_tenant_free_idx), every profile with its role, every group.
 */
export async function loadUserFormOptions(db: Queryable, tenantId: string, userId: string | null): Promise<UserFormOptions> {
  const [own, free, { profiles, groups }] = await Promise.all([
    userId ? db.select(extensionColumns).from(extensions).where(and(eq(extensions.tenantId, tenantId), eq(extensions.userId, userId))) : [],
    db
      .select(extensionColumns)
      .from(extensions)
      .where(and(eq(extensions.tenantId, tenantId), isNull(extensions.userId)))
      .orderBy(sql`length(${extensions.number})`, asc(extensions.number))
      .limit(FREE_EXTENSIONS_SHOWN + 1),
    loadFilterOptions(db, tenantId),
  ])
  return {
    extensions: [...own, ...free.slice(0, FREE_EXTENSIONS_SHOWN)],
    moreExtensions: free.length > FREE_EXTENSIONS_SHOWN,
    profiles,
    groups,
  }
}
