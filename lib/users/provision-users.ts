import 'server-only'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db, Tx } from '@/db/client'
import { users } from '@/db/schema'
import { isUniqueViolation } from '@/db/errors'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '@/lib/auth/permissions'
import { rightsOfUsers } from '@/lib/auth/privilege'
import { endDashboardSessions } from '@/lib/auth/session-user'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { conflict, forbidden, invalid, notFound, refuse, type Result } from '@/lib/validation/result'
import { lockActiveAdmins } from './admin-guard'
import { loadUserForEdit } from './load-user-for-edit'
import { runBulkAction } from './manage-users-bulk'
import { takenIdentity } from './taken-identity'
import { changeRefusal, endsSessions, loadChangeFacts } from './user-change-rules'
import { userInputSchema, type UserField } from './user-input'

/**
 * Users as an identity provider keeps them (SCIM provisioning, and single
 * sign-on's "create users on first sign-in"): the attributes the provider owns
 * (name, email, user name, job title, department, mobile, active, its id), with
 * the rules every other change of a user keeps (user-change-rules.ts), the
 * last-admin guard, and one more: the provider is no user of the workspace, and
 * reaches Admins only where the workspace lets it (Settings › Provisioning).
 * Role, profile, extension, force login and groups stay Switchboard's.
 */

/** What the provider says about a user. */
export interface ProvidedUser {
  /** Its user name (SCIM `userName`, often an email); our username when it fits the username rule. */
  userName: string
  fullName: string
  email: string
  jobTitle: string
  department: string
  mobile: string
  active: boolean
  externalId: string | null
}

export type ProvisionResult = Result<{ id: string; version: number }, UserField | 'userName' | 'externalId'>

/**
 * The provider's permissions: user management, with the Supervisor role's own
 * rights so that every Agent and Supervisor is within its reach (the subset
 * rule) and no Admin is. With `managesAdmins`, every permission.
 */
export function provisioningPermissions(managesAdmins: boolean): Set<Permission> {
  if (managesAdmins) return new Set(PERMISSIONS)
  return new Set<Permission>([
    'users.read',
    'users.create',
    'users.update',
    'users.delete',
    'settings.manage',
    ...ROLE_PERMISSIONS.Supervisor,
  ])
}

const reachesAdmins = (actor: Actor) => !actor.provisioning || PERMISSIONS.every((p) => actor.permissions.has(p))
const ADMIN_OUT_OF_REACH = forbidden(
  'This user is an Admin: the identity provider may change Admins only when Settings › Provisioning allows it.',
)

const USERNAME = /^[a-z0-9._-]{3,32}$/

/** The provider's user name as our username, if it fits the rule as it is (any case). */
const asUsername = (userName: string) => (USERNAME.test(userName.toLowerCase()) ? userName.toLowerCase() : null)

/**
 * A username for a new user: the user name itself when it fits, else built
 * from it (an email's part before the @, other characters as dots), with
 * `.2`, `.3`… when taken. Kept afterwards: a later user name that doesn't fit
 * leaves it as it is.
 */
async function newUsername(tx: Tx, tenantId: string, userName: string): Promise<string> {
  const direct = asUsername(userName)
  const base =
    direct ??
    (
      userName
        .toLowerCase()
        .split('@')[0]!
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9._-]+/g, '.')
        .replace(/\.{2,}/g, '.')
        .replace(/^[.]+|[.]+$/g, '') || 'user'
    ).padEnd(3, '0')
  for (let n = 1; n < 1000; n++) {
    const suffix = n === 1 ? '' : `.${n}`
    const candidate = base.slice(0, 32 - suffix.length) + suffix
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), isNull(users.deletedAt), eq(users.username, candidate)))
      .limit(1)
    if (!taken) return candidate
  }
  throw new Error('No free username after 1,000 tries')
}

/** The SCIM userName to keep: none when it is the username itself. */
const scimUserNameFor = (userName: string, username: string) => (userName.toLowerCase() === username ? null : userName)

/** The form rules for the provider's fields (role and the rest as they are or will be). */
function parseProvided(p: ProvidedUser, keep: { username: string; role: string; profileId: string | null }) {
  const parsed = userInputSchema.safeParse({
    fullName: p.fullName,
    email: p.email,
    username: keep.username,
    jobTitle: p.jobTitle,
    department: p.department,
    mobile: p.mobile,
    role: keep.role,
    profileId: keep.profileId,
    status: p.active ? 'active' : 'inactive',
  })
  const errors: Partial<Record<UserField | 'userName' | 'externalId', string>> = parsed.success
    ? {}
    : fieldErrorsOf<UserField>(parsed.error)
  if (!p.userName.trim() || p.userName.length > 254) errors.userName = 'Send a userName of 1 to 254 characters.'
  if (p.externalId !== null && (p.externalId.length === 0 || p.externalId.length > 254))
    errors.externalId = 'Send an externalId of 1 to 254 characters.'
  return { input: parsed.success ? parsed.data : null, errors }
}

/** Uniqueness against the other live users: the same answer as the constraints give a racing write. */
async function takenBy(tx: Tx, tenantId: string, p: ProvidedUser, username: string, exceptId: string | null) {
  const taken = await takenIdentity(tx, tenantId, { username, email: p.email }, exceptId)
  if (taken.email) return 'Another user of this workspace has this email.'
  if (taken.username) return `The username ${username} is taken in this workspace.`
  const others = and(eq(users.tenantId, tenantId), isNull(users.deletedAt), exceptId ? ne(users.id, exceptId) : undefined)
  if (p.externalId !== null) {
    const [row] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(others, eq(users.externalId, p.externalId)))
      .limit(1)
    if (row) return 'Another user of this workspace has this externalId.'
  }
  const [sameName] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(others, sql`lower(${users.scimUserName}) = lower(${p.userName})`))
    .limit(1)
  return sameName ? 'Another user of this workspace has this userName.' : null
}

const UNIQUE_KEYS = [
  'users_tenant_username_key',
  'users_tenant_email_key',
  'users_tenant_external_id_key',
  'users_tenant_scim_user_name_key',
]
const raceConflict = (error: unknown) =>
  UNIQUE_KEYS.some((key) => isUniqueViolation(error, key))
    ? conflict('Another user of this workspace was just given the same identity.')
    : null

/** Creates an Agent from the provider's attributes (`users.create`). No password: they sign in with single sign-on. */
export async function provisionUser(db: Db, actor: Actor, p: ProvidedUser): Promise<ProvisionResult> {
  if (!actor.permissions.has('users.create')) return forbidden()
  const { input, errors } = parseProvided(p, { username: asUsername(p.userName) ?? 'placeholder', role: 'Agent', profileId: null })
  if (!input || Object.keys(errors).length) return invalid(errors)
  try {
    return await db.transaction(async (tx): Promise<ProvisionResult> => {
      const username = await newUsername(tx, actor.tenantId, p.userName)
      const taken = await takenBy(tx, actor.tenantId, p, username, null)
      if (taken) return conflict(taken)
      const ctx = {
        actor,
        facts: await loadChangeFacts(tx, actor, { profileIds: [], groupIds: [] }),
        activeAdmins: null,
        removedAdmins: new Set<string>(),
      }
      const refusal = changeRefusal(ctx, null, { ...input, extensionId: null, forceLogin: false, groupIds: [] })
      if (refusal) return refusal
      const [created] = await tx
        .insert(users)
        .values({
          tenantId: actor.tenantId,
          fullName: input.fullName,
          email: input.email,
          username,
          jobTitle: input.jobTitle,
          department: input.department,
          mobile: input.mobile,
          role: 'Agent',
          status: input.status,
          externalId: p.externalId,
          scimUserName: scimUserNameFor(p.userName, username),
        })
        .returning({ id: users.id, version: users.version })
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'user.create',
        entityType: 'user',
        entityId: created!.id,
        after: { ...input, username, externalId: p.externalId, password: 'none (single sign-on)' },
      })
      return { ok: true, id: created!.id, version: created!.version }
    })
  } catch (error) {
    const refusal = raceConflict(error)
    if (refusal) return refusal
    throw error
  }
}

/**
 * Replaces the provider's attributes of a live user (`users.update`), from
 * `expectedVersion` when the provider sent one (If-Match: an older one changes
 * nothing). Deactivation ends the user's sessions at once; their API tokens
 * stop with their status.
 */
export async function reprovisionUser(
  db: Db,
  actor: Actor,
  userId: string,
  p: ProvidedUser,
  expectedVersion: number | null,
): Promise<ProvisionResult> {
  if (!actor.permissions.has('users.update')) return forbidden()
  try {
    return await db.transaction(async (tx): Promise<ProvisionResult> => {
      const admins = await lockActiveAdmins(tx, actor.tenantId)
      const [target] = await tx
        .select({ version: users.version, username: users.username, externalId: users.externalId, scimUserName: users.scimUserName })
        .from(users)
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId), isNull(users.deletedAt)))
        .for('update')
      const before = target ? await loadUserForEdit(tx, actor, userId) : null
      const rights = (await rightsOfUsers(tx, actor, [userId])).get(userId)
      if (!target || !before || !rights) return notFound('This user no longer exists.')
      if (before.role === 'Admin' && !reachesAdmins(actor)) return ADMIN_OUT_OF_REACH
      if (expectedVersion !== null && expectedVersion !== target.version) {
        return refuse('stale', 'This user changed since the version you sent.')
      }
      const username = asUsername(p.userName) ?? target.username
      const { input, errors } = parseProvided(p, { username, role: before.role, profileId: before.profileId })
      if (!input || Object.keys(errors).length) return invalid(errors)
      const after = { ...before, ...input, groupIds: before.groupIds }
      const ctx = {
        actor,
        facts: await loadChangeFacts(tx, actor, { profileIds: [], groupIds: [] }),
        activeAdmins: admins,
        removedAdmins: new Set<string>(),
      }
      const refusal = changeRefusal(ctx, { id: userId, before, rights }, after)
      if (refusal) return refusal
      const taken = await takenBy(tx, actor.tenantId, p, username, userId)
      if (taken) return conflict(taken)

      const scimUserName = scimUserNameFor(p.userName, username)
      const changes: Record<string, [unknown, unknown]> = {}
      for (const k of ['fullName', 'email', 'username', 'jobTitle', 'department', 'mobile', 'status'] as const) {
        if (before[k] !== after[k]) changes[k] = [before[k], after[k]]
      }
      if (target.externalId !== p.externalId) changes.externalId = [target.externalId, p.externalId]
      if (target.scimUserName !== scimUserName) changes.userName = [target.scimUserName ?? target.username, p.userName]
      if (!Object.keys(changes).length) return { ok: true, id: userId, version: target.version }

      const ending = endsSessions(before, after)
      const [updated] = await tx
        .update(users)
        .set({
          fullName: after.fullName,
          email: after.email,
          username,
          jobTitle: after.jobTitle,
          department: after.department,
          mobile: after.mobile,
          status: after.status,
          externalId: p.externalId,
          scimUserName,
          ...(ending ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId)))
        .returning({ version: users.version })
      if (ending) await endDashboardSessions(tx, actor.tenantId, [userId], ending)
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'user.update',
        entityType: 'user',
        entityId: userId,
        before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
        after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
      })
      return { ok: true, id: userId, version: updated!.version }
    })
  } catch (error) {
    const refusal = raceConflict(error)
    if (refusal) return refusal
    throw error
  }
}

/** Soft-deletes a user for the provider (`users.delete`), as Users › Delete does: sessions end, the extension is freed. */
export async function deprovisionUser(db: Db, actor: Actor, userId: string, expectedVersion: number | null): Promise<Result> {
  const [target] = await db
    .select({ role: users.role, version: users.version })
    .from(users)
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId), isNull(users.deletedAt)))
  if (!target) return notFound('This user no longer exists.')
  if (target.role === 'Admin' && !reachesAdmins(actor)) return ADMIN_OUT_OF_REACH
  if (expectedVersion !== null && expectedVersion !== target.version)
    return refuse('stale', 'This user changed since the version you sent.')
  const result = await runBulkAction(db, actor, { action: 'delete', ids: [userId] })
  return result.ok ? { ok: true } : result
}
