import 'server-only'
import { and, eq, inArray } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { profiles, users, type Role } from '@/db/schema'
import { effectivePermissions, type Permission } from './permissions'

/**
 * The privilege rules, in one place (the user form, bulk actions, tokens,
 * restore, the API and the profile pages all ask these):
 *
 * - nobody changes their own role, profile or status;
 * - an actor gives only what they have: a role and profile may be assigned,
 *   and a profile written, only when its effective permissions are a subset
 *   of the actor's own;
 * - an actor acts only on users whose effective permissions are a subset of
 *   their own (edit, deactivate, delete, restore, set password, tokens).
 *
 * Without these, an Admin narrowed by a profile could drop their own profile,
 * create a full Admin, or act as one through a token or a password reset.
 */

export const OUTRANKED_MESSAGE = 'You can’t change this user: they have permissions you don’t have.'
export const OUTRANKED_SOME_MESSAGE = 'You can’t change some of these users: they have permissions you don’t have. Nothing was changed.'
export const GIVE_ONLY_YOURS_MESSAGE = 'You can only give permissions you have yourself: choose a role and profile within your own.'

/** Every permission of `rights` is also the actor's. */
export function withinRights(actor: ReadonlySet<Permission>, rights: Iterable<Permission>): boolean {
  for (const p of rights) if (!actor.has(p)) return false
  return true
}

/** The permissions of `rights` the actor lacks (for messages). */
export function missingRights(actor: ReadonlySet<Permission>, rights: Iterable<Permission>): Permission[] {
  return [...rights].filter((p) => !actor.has(p))
}

/**
 * Each listed user's effective permissions (deleted users too: restore asks),
 * read with the profile in one query. Users not of this workspace are absent.
 */
export async function rightsOfUsers(db: Queryable, tenantId: string, userIds: readonly string[]): Promise<Map<string, Set<Permission>>> {
  if (!userIds.length) return new Map()
  const rows = await db
    .select({ id: users.id, role: users.role, profilePermissions: profiles.permissions })
    .from(users)
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...new Set(userIds)])))
  return new Map(rows.map((r) => [r.id, effectivePermissions(r.role, r.profilePermissions)]))
}

/** True when every listed user of the workspace has no more than the actor. */
export async function mayActOnUsers(
  db: Queryable,
  actor: { tenantId: string; permissions: ReadonlySet<Permission> },
  userIds: readonly string[],
) {
  const rights = await rightsOfUsers(db, actor.tenantId, userIds)
  return [...rights.values()].every((r) => withinRights(actor.permissions, r))
}

/** A profile's effective permissions: what its holders get (its role narrowed by its list). */
export const rightsOfProfile = (role: Role, permissions: readonly string[]) => effectivePermissions(role, permissions)

/** What holders of a profile get when it is deleted: their role's whole set. */
export const rightsOfRole = (role: Role) => effectivePermissions(role, null)
