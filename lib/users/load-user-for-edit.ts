import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, userGroups, users } from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'
import type { UserInput } from './user-input'

/** A user's editable values, in the shape the form and userInputSchema use. */
export type UserFormValues = UserInput

/**
 * A user's form values as select columns, for a query of `users` joined with
 * their extension (the edit form reads one user, the import many).
 */
export function userFormColumns() {
  return {
    fullName: users.fullName,
    email: users.email,
    username: users.username,
    notes: users.notes,
    jobTitle: users.jobTitle,
    department: users.department,
    mobile: users.mobile,
    hideFromDirectory: users.hideFromDirectory,
    extensionId: users.extensionId,
    extensionType: sql<'WebRTC' | 'SIP'>`coalesce(${extensions.type}, 'WebRTC')`,
    forceLogin: users.forceLogin,
    role: users.role,
    profileId: users.profileId,
    status: users.status,
    groupIds: sql<string[]>`coalesce((
      SELECT array_agg(${userGroups.groupId}::text)
      FROM ${userGroups} WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id}), '{}')`,
  }
}

/** The current values and version of a live user of this workspace within reach, or null. */
export async function loadUserForEdit(db: Queryable, reach: Reach, userId: string): Promise<(UserFormValues & { version: number }) | null> {
  const [row] = await db
    .select({ ...userFormColumns(), version: users.version })
    .from(users)
    .leftJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
    .where(and(eq(users.tenantId, reach.tenantId), eq(users.id, userId), isNull(users.deletedAt), scopeCondition(reach)))
  // Sorted here, not in SQL: collations may order uuids' hyphens differently.
  return row ? { ...row, groupIds: [...row.groupIds].sort() } : null
}
