import 'server-only'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import type { Reach } from '@/lib/auth/scope'
import type { UserListRow } from './list-users'
import { loadUserForEdit } from './load-user-for-edit'

/** A users-list row as the API shows it. */
export function apiUserSummary(u: UserListRow) {
  return {
    id: u.id,
    fullName: u.fullName,
    username: u.username,
    email: u.email,
    extension: u.extensionNumber ? { number: u.extensionNumber, type: u.extensionType } : null,
    role: u.role,
    profile: u.profileName,
    groups: u.groups,
    status: u.status,
    forceLogin: u.forceLogin,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  }
}

/** One user as the API shows it (never a password or hash), or null when `id` is not a live user of the workspace (or no id at all). */
export async function apiUserDetail(db: Queryable, reach: Reach, id: string) {
  if (!z.uuid().safeParse(id).success) return null
  const user = await loadUserForEdit(db, reach, id)
  return user ? { id, ...user } : null
}
