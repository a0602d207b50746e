import 'server-only'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, profiles as profilesTable, type ExtensionType, type Role } from '@/db/schema'
import { ROLES, type Permission } from '@/lib/auth/permissions'
import { mayGive } from '@/lib/auth/privilege'
import type { Reach } from '@/lib/auth/scope'
import { loadGroupOptions, type FilterOptions } from './list-filter-options'

/** How many free extensions the form offers; past it the admin narrows with the list's search instead. */
export const FREE_EXTENSIONS_SHOWN = 500

export interface UserFormOptions {
  extensions: { id: string; number: string; type: ExtensionType }[]
  /** More free extensions exist than the form lists. */
  moreExtensions: boolean
  /** Only what the editor may give (their own permissions or fewer); the server checks again. */
  profiles: FilterOptions['profiles']
  /** Roles the editor may give, and whether without a profile (the role's whole set). */
  roles: { role: Role; withoutProfile: boolean }[]
  groups: FilterOptions['groups']
  /** The editor is scoped to the groups they manage: the user must be in one of them (those are the groups offered). */
  groupsRequired: boolean
}

const extensionColumns = { id: extensions.id, number: extensions.number, type: extensions.type }

/**
 * The choices of the user form: the edited user's own extension first, then
 * free extensions of this workspace in number order (an index read of
 * extensions_tenant_free_idx), the profiles and roles the editor may give, every
 * group (a scoped editor's: the groups they manage).
 */
export async function loadUserFormOptions(
  db: Queryable,
  editor: Reach & { permissions: ReadonlySet<Permission> },
  userId: string | null,
): Promise<UserFormOptions> {
  const tenantId = editor.tenantId
  const [own, free, groups, profileRows] = await Promise.all([
    userId
      ? db
          .select(extensionColumns)
          .from(extensions)
          .where(and(eq(extensions.tenantId, tenantId), eq(extensions.userId, userId)))
      : [],
    db
      .select(extensionColumns)
      .from(extensions)
      .where(and(eq(extensions.tenantId, tenantId), isNull(extensions.userId)))
      .orderBy(sql`length(${extensions.number})`, asc(extensions.number))
      .limit(FREE_EXTENSIONS_SHOWN + 1),
    loadGroupOptions(db, editor),
    db
      .select({
        id: profilesTable.id,
        name: profilesTable.name,
        role: profilesTable.role,
        permissions: profilesTable.permissions,
        scope: profilesTable.scope,
      })
      .from(profilesTable)
      .where(eq(profilesTable.tenantId, tenantId))
      .orderBy(profilesTable.role, profilesTable.name),
  ])
  const profiles = profileRows.filter((p) => mayGive(editor, p.role, p)).map(({ id, name, role }) => ({ id, name, role }))
  const roles = ROLES.map((role) => ({ role, withoutProfile: mayGive(editor, role, null) })).filter(
    (r) => r.withoutProfile || profiles.some((p) => p.role === r.role),
  )
  return {
    roles,
    extensions: [...own, ...free.slice(0, FREE_EXTENSIONS_SHOWN)],
    moreExtensions: free.length > FREE_EXTENSIONS_SHOWN,
    profiles,
    groups,
    groupsRequired: !!editor.scoped,
  }
}
