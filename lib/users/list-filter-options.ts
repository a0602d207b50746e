import 'server-only'
import { eq } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { groups, profiles, type Role } from '@/db/schema'

export interface FilterOptions {
  profiles: { id: string; name: string; role: Role }[]
  groups: { id: string; name: string }[]
}

/** The workspace's groups by name (the list's Group filter, the user form's Groups). */
export function loadGroupOptions(db: Queryable, tenantId: string): Promise<FilterOptions['groups']> {
  return db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.tenantId, tenantId)).orderBy(groups.name)
}

/** The workspace's profiles and groups, for the users list's filters. */
export async function loadFilterOptions(db: Queryable, tenantId: string): Promise<FilterOptions> {
  const [profileRows, groupRows] = await Promise.all([
    db
      .select({ id: profiles.id, name: profiles.name, role: profiles.role })
      .from(profiles)
      .where(eq(profiles.tenantId, tenantId))
      .orderBy(profiles.role, profiles.name),
    loadGroupOptions(db, tenantId),
  ])
  return { profiles: profileRows, groups: groupRows }
}
