import 'server-only'
import { and, eq, inArray } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { groups, profiles, type ProfileScope, type Role, type UserStatus } from '@/db/schema'
import type { Permission } from '@/lib/auth/permissions'
import { GIVE_ONLY_YOURS_MESSAGE, mayGive, OUTRANKED_MESSAGE, withinRights } from '@/lib/auth/privilege'
import { managedGroups, SCOPED_GROUP_REQUIRED, SCOPED_LAST_GROUP, type Reach } from '@/lib/auth/scope'
import { notFound, invalid, type Refusal } from '@/lib/validation/result'
import { leavesNoActiveAdmin, type AdminKeepers } from './admin-guard'
import { forceLoginProblem, type UserField } from './user-input'

/**
 * The rules a change of a user's role, profile, status, force login and groups
 * must keep, in one function that the user form's save (updateUser) and the
 * bulk edit (bulkEditUsers) both call, per user: one copy of each rule. What it
 * needs from the database is read beforehand (loadChangeFacts, the admins'
 * lock), so a bulk edit checks thousands of users without a query each.
 */

/** The fields these rules look at, before and after the change. */
export interface RuleView {
  role: Role
  profileId: string | null
  status: UserStatus
  forceLogin: boolean
  extensionId: string | null
  groupIds: readonly string[]
}

/** The workspace's profiles and groups a change refers to (others are absent: not of this workspace, or deleted). */
export interface ChangeFacts {
  profiles: ReadonlyMap<string, { role: Role; permissions: string[]; scope: ProfileScope }>
  /** The groups a change may add or take away: the workspace's, or a scoped actor's managed ones. */
  groups: ReadonlySet<string>
  /** A scoped actor's managed groups (every user they change keeps one); null for the whole workspace. */
  managed: ReadonlySet<string> | null
}

export async function loadChangeFacts(
  db: Queryable,
  reach: Reach,
  refs: { profileIds: (string | null)[]; groupIds: readonly string[] },
): Promise<ChangeFacts> {
  const tenantId = reach.tenantId
  const profileIds = [...new Set(refs.profileIds.filter((id): id is string => !!id))]
  const groupIds = [...new Set(refs.groupIds)]
  const [profileRows, groupRows, managedRows] = await Promise.all([
    profileIds.length
      ? db
          .select({ id: profiles.id, role: profiles.role, permissions: profiles.permissions, scope: profiles.scope })
          .from(profiles)
          .where(and(eq(profiles.tenantId, tenantId), inArray(profiles.id, profileIds)))
      : [],
    groupIds.length
      ? db
          .select({ id: groups.id })
          .from(groups)
          .where(and(eq(groups.tenantId, tenantId), inArray(groups.id, groupIds)))
      : [],
    reach.scoped ? managedGroups(db, reach) : null,
  ])
  const managed = managedRows ? new Set(managedRows.map((g) => g.id)) : null
  return {
    profiles: new Map(profileRows.map((p) => [p.id, { role: p.role, permissions: p.permissions, scope: p.scope }])),
    groups: new Set(groupRows.map((g) => g.id).filter((id) => !managed || managed.has(id))),
    managed,
  }
}

export interface ChangeContext {
  actor: { userId: string; permissions: ReadonlySet<Permission>; scoped?: boolean }
  facts: ChangeFacts
  /**
   * The workspace's active admins, locked (lockActiveAdmins), and those this run already took away;
   * null where the caller guards the last admin itself (the import's plan: its run checks under the lock).
   */
  activeAdmins: AdminKeepers | null
  removedAdmins: ReadonlySet<string>
}

export interface ChangeTarget {
  id: string
  before: RuleView
  /** The user's effective permissions now. */
  rights: ReadonlySet<Permission>
}

/**
 * Why `after` may not be saved for this user (null: a new one), or null. In
 * this order: nobody deactivates themselves; nobody acts on a user with more
 * rights than their own (answered as not found); the workspace keeps an active
 * admin; nobody changes their own role or profile; the profile exists and is
 * of the role; the groups exist; force login needs an extension; and an actor
 * gives only the permissions they hold.
 */
export function changeRefusal(ctx: ChangeContext, target: ChangeTarget | null, after: RuleView): Refusal<UserField> | null {
  if (target) {
    const refusal = refusalForTarget(ctx, target, after)
    if (refusal) return refusal
  }
  // An unchanged role and profile are the user's own rights, already within the actor's (refusalForTarget):
  // only a new assignment is looked up and weighed.
  const assigns = !target || after.role !== target.before.role || after.profileId !== target.before.profileId
  const errors: Partial<Record<UserField, string>> = {}
  const profile = assigns && after.profileId ? ctx.facts.profiles.get(after.profileId) : undefined
  if (assigns && after.profileId && !profile) errors.profileId = 'Choose a profile from the list.'
  else if (profile && profile.role !== after.role) errors.profileId = `Choose a profile of the ${after.role} role, or none.`
  // Memberships the user has are of this workspace (the foreign key says so): only new ones are looked up.
  const added = target ? after.groupIds.filter((id) => !target.before.groupIds.includes(id)) : after.groupIds
  if (added.some((id) => !ctx.facts.groups.has(id))) errors.groupIds = 'Choose groups from the list.'
  const managed = ctx.facts.managed
  if (managed) {
    // A scoped actor sees only members of their groups: they may take a user out of none but their own,
    // and the user stays in one of them (or, new, is put in one).
    const removed = target ? target.before.groupIds.filter((id) => !after.groupIds.includes(id)) : []
    if (removed.some((id) => !managed.has(id))) errors.groupIds = 'Choose groups from the list.'
    else if (!errors.groupIds && !after.groupIds.some((id) => managed.has(id)))
      errors.groupIds = target ? SCOPED_LAST_GROUP : SCOPED_GROUP_REQUIRED
  }
  const forceLogin = forceLoginProblem(after.forceLogin, after.extensionId)
  if (forceLogin) errors.forceLogin = forceLogin
  if (Object.keys(errors).length) return invalid(errors)

  if (assigns && !mayGive(ctx.actor, after.role, profile ?? null)) {
    return invalid(after.profileId ? { profileId: GIVE_ONLY_YOURS_MESSAGE } : { role: GIVE_ONLY_YOURS_MESSAGE })
  }
  return null
}

/** The rules about who the user is: oneself, someone with more rights, the last admin. */
function refusalForTarget(ctx: ChangeContext, target: ChangeTarget, after: RuleView): Refusal<UserField> | null {
  const { before } = target
  const self = target.id === ctx.actor.userId
  if (self && after.status !== 'active' && before.status === 'active') return invalid({ status: 'You can’t deactivate yourself.' })
  if (!withinRights(ctx.actor.permissions, target.rights)) return notFound(OUTRANKED_MESSAGE)
  if (
    ctx.activeAdmins &&
    removesActiveAdmin(before, after) &&
    leavesNoActiveAdmin(ctx.activeAdmins, new Set([...ctx.removedAdmins, target.id]))
  ) {
    const message = ctx.activeAdmins.message
    return invalid(after.role !== 'Admin' ? { role: message } : { status: message })
  }
  if (self && (after.role !== before.role || after.profileId !== before.profileId)) {
    return invalid({
      ...(after.role !== before.role ? { role: 'You can’t change your own role.' } : {}),
      ...(after.profileId !== before.profileId ? { profileId: 'You can’t change your own profile.' } : {}),
    })
  }
  return null
}

/** A change that ends the user's dashboard sessions now (the PBX's eligibility answer follows at once): deactivation or a new role. */
export function endsSessions(before: Pick<RuleView, 'role' | 'status'>, after: Pick<RuleView, 'role' | 'status'>): string | null {
  if (before.status === 'active' && after.status !== 'active') return 'deactivated'
  if (before.role !== after.role) return 'role-changed'
  return null
}

/** True when the change takes an active admin away (the next user's last-admin check counts them). */
export const removesActiveAdmin = (before: Pick<RuleView, 'role' | 'status'>, after: Pick<RuleView, 'role' | 'status'>) =>
  before.role === 'Admin' && before.status === 'active' && !(after.role === 'Admin' && after.status === 'active')
