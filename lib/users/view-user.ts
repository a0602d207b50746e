import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import { extensions, profiles, users } from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'
import { userRowColumns, type UserListRow } from './list-users'

export type UserView = UserListRow & { jobTitle: string; department: string; mobile: string; hideFromDirectory: boolean }

/** What the read-only user page shows (users.read): the list's row and the directory fields. Null for a bad id, another workspace, a deleted user or one outside a scoped reach. */
export async function viewUser(db: Queryable, reach: Reach, rawId: string): Promise<UserView | null> {
  const id = z.uuid().safeParse(rawId)
  if (!id.success) return null
  const [row] = await db
    .select({
      ...userRowColumns(),
      jobTitle: users.jobTitle,
      department: users.department,
      mobile: users.mobile,
      hideFromDirectory: users.hideFromDirectory,
    })
    .from(users)
    .leftJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(and(eq(users.tenantId, reach.tenantId), eq(users.id, id.data), isNull(users.deletedAt), scopeCondition(reach)))
  return row ?? null
}
