import 'server-only'
import type { Permission } from './permissions'
import { currentClient, requirePermission, requireUser } from './session'

/**
 * Who is doing something: the one actor type every lib mutation takes, as
 * `(db, actor, input)`. Pages and server actions get it from `sessionActor`,
 * the REST API from `apiActor` (lib/api/api-results.ts); the CLI has its own
 * operator label (lib/audit's AuditAuthor, which this satisfies). Lib checks the
 * permission again itself: an actor only says who asks, never that they may.
 */
export interface Actor {
  userId: string
  tenantId: string
  /** Effective permissions: the role narrowed by the profile. */
  permissions: ReadonlySet<Permission>
  /**
   * The profile's scope is `Only the groups they manage`: every user read and
   * change goes through lib/auth/scope.ts (members of the actor's managed
   * groups only; anyone else is as if absent). Absent = the whole workspace.
   */
  scoped?: boolean
  /** The scope's plan hint (lib/auth/scope.ts's Reach). */
  scopeSize?: number
  /** What the audit log shows: the username, with " (API)" for API calls. */
  label: string
  /** The client's address (from our server in front of Next, never a header the client wrote); none for tests and scripts. */
  ip?: string | null
  userAgent?: string
  /**
   * The identity provider (a SCIM token, or single sign-on creating a user at
   * first sign-in), not a user: `userId` is then no user's id (the rules' "not
   * oneself" holds for everyone), and nothing records it as a user (lib/audit's actingUserId).
   */
  provisioning?: true
}

/** No user has this id: the provisioning identity's `userId`. */
const NOBODY = '00000000-0000-0000-0000-000000000000'

/**
 * The identity provider acting on one workspace, with `permissions` (the
 * caller decides which: lib/users/provision-users.ts). Audit entries say `label`.
 */
export function provisioningActor(
  tenantId: string,
  label: 'SCIM' | 'SSO',
  permissions: ReadonlySet<Permission>,
  client: { ip?: string | null; userAgent?: string } = {},
): Actor {
  return { userId: NOBODY, tenantId, permissions, label, ip: client.ip ?? null, userAgent: client.userAgent ?? '', provisioning: true }
}

/**
 * The signed-in user as an actor: redirects to sign-in without a session,
 * answers 404 without `permission` (nothing is revealed), so an action or page
 * needs no check of its own before calling lib.
 */
export async function sessionActor(permission?: Permission): Promise<Actor & { sessionId: string }> {
  const user = permission ? await requirePermission(permission) : await requireUser()
  const client = await currentClient()
  return {
    userId: user.id,
    tenantId: user.tenantId,
    permissions: user.permissions,
    scoped: user.scoped,
    ...(user.scopeSize !== undefined ? { scopeSize: user.scopeSize } : {}),
    label: user.username,
    ip: client.ip,
    userAgent: client.userAgent,
    sessionId: user.sessionId,
  }
}
