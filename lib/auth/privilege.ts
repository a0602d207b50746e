import 'server-only'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { profiles, users, type ProfileScope, type Role } from '@/db/schema'
import { effectivePermissions, PERMISSIONS, type Permission } from './permissions'
import { scopeCondition, type Reach } from './scope'

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
 *
 * For a scoped reach (lib/auth/scope.ts) the whole workspace is a right too:
 * a user outside the reach's groups, or one who holds any permission over the
 * whole workspace, counts as having every permission, so every rule below
 * refuses them as out of reach (404). A scoped profile never holds
 * `settings.manage` (the schema's check), so a scoped actor never has them all.
 */
export async function rightsOfUsers(db: Queryable, reach: Reach, userIds: readonly string[]): Promise<Map<string, Set<Permission>>> {
  if (!userIds.length) return new Map()
  const inScope = scopeCondition(reach)
  const rows = await db
    .select({
      id: users.id,
      role: users.role,
      profilePermissions: profiles.permissions,
      wholeWorkspace: sql<boolean>`${profiles.scope} IS DISTINCT FROM 'managed_groups'`,
      inScope: inScope ? sql<boolean>`${inScope}` : sql<boolean>`TRUE`,
    })
    .from(users)
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(and(eq(users.tenantId, reach.tenantId), inArray(users.id, [...new Set(userIds)])))
  return new Map(
    rows.map((r) => {
      const rights = effectivePermissions(r.role, r.profilePermissions)
      const outOfReach = reach.scoped && (!r.inScope || (r.wholeWorkspace && rights.size > 0))
      return [r.id, outOfReach ? new Set(PERMISSIONS) : rights]
    }),
  )
}

/** True when every listed user of the workspace has no more than the actor. */
export async function mayActOnUsers(db: Queryable, actor: Reach & { permissions: ReadonlySet<Permission> }, userIds: readonly string[]) {
  const rights = await rightsOfUsers(db, actor, userIds)
  return [...rights.values()].every((r) => withinRights(actor.permissions, r))
}

/**
 * May the actor give this role and profile (null: the role's whole set)? Only
 * rights they hold themselves, and a scoped actor only a scoped reach: a role
 * without a profile, or a profile over the whole workspace, reaches further
 * than they do (unless it gives no permission at all, as for an Agent).
 */
export function mayGive(
  actor: { permissions: ReadonlySet<Permission>; scoped?: boolean },
  role: Role,
  profile: { permissions: readonly string[]; scope: ProfileScope } | null,
): boolean {
  const rights = effectivePermissions(role, profile ? profile.permissions : null)
  if (!withinRights(actor.permissions, rights)) return false
  return !actor.scoped || rights.size === 0 || profile?.scope === 'managed_groups'
}

/** A profile's effective permissions: what its holders get (its role narrowed by its list). */
export const rightsOfProfile = (role: Role, permissions: readonly string[]) => effectivePermissions(role, permissions)

/** What holders of a profile get when it is deleted: their role's whole set. */
export const rightsOfRole = (role: Role) => effectivePermissions(role, null)
