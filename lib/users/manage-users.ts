import 'server-only'
import { and, eq, isNull, ne, notInArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Tx } from '@/db/client'
import { extensions, userGroups, users } from '@/db/schema'
import type { Reach } from '@/lib/auth/scope'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { passwordProblem } from '@/lib/auth/password-policy'
import { rightsOfUsers } from '@/lib/auth/privilege'
import { hashPassword } from '@/lib/auth/passwords'
import { isForeignKeyViolation, isUniqueViolation } from '@/db/errors'
import { lockActiveAdmins } from './admin-guard'
import { queueInvitation, type SentLink } from './invitations'
import { endDashboardSessions } from '@/lib/auth/session-user'
import { changeRefusal, endsSessions, loadChangeFacts } from './user-change-rules'
import { takenIdentity } from './taken-identity'
import { loadUserForEdit, type UserFormValues } from './load-user-for-edit'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { conflict, forbidden, invalid, notFound, refuse, type Result } from '@/lib/validation/result'
import { crossFieldErrors, userInputSchema, type UserField, type UserInput } from './user-input'

export type FieldErrors = Partial<Record<UserField, string>>
export type SaveUserResult = Result<{ id: string; invitation?: SentLink }, UserField, UserFormValues & { version: number }>

/** `Send an invitation email` ticked (the form's checkbox, or the API's `sendInvitation: true`). */
const invitationWanted = (raw: unknown) => {
  const value = raw && typeof raw === 'object' ? (raw as { sendInvitation?: unknown }).sendInvitation : undefined
  return value === true || value === 'on' || value === 'true'
}

const versionSchema = z.coerce.number().int().min(1)
const GONE = 'This user no longer exists.'

/** The messages for the constraints two admins can race into; everything else is a real error. */
function constraintErrors(error: unknown): FieldErrors | null {
  if (isUniqueViolation(error, 'users_tenant_username_key')) return { username: 'This username is taken in this workspace.' }
  if (isUniqueViolation(error, 'users_tenant_email_key')) return { email: 'Another user of this workspace has this email.' }
  if (isUniqueViolation(error, 'users_tenant_extension_key'))
    return { extensionId: 'That extension was just given to someone else. Choose another.' }
  if (isForeignKeyViolation(error, 'users_profile_fk'))
    return { profileId: 'That profile no longer exists or changed role. Choose another.' }
  if (isForeignKeyViolation(error, 'users_extension_fk')) return { extensionId: 'That extension no longer exists. Choose another.' }
  if (isForeignKeyViolation(error, 'user_groups_group_fk')) return { groupIds: 'One of those groups no longer exists. Choose again.' }
  return null
}

/**
 * The checks of who else holds what: unique username and email among live
 * users, and a free extension of this workspace. The constraints enforce the
 * same rules for a save that races past these checks (constraintErrors turns
 * them into the same messages). The rules about role, profile, status, force
 * login and groups are changeRefusal's (user-change-rules.ts), shared with the bulk edit.
 */
async function identityErrors(tx: Tx, tenantId: string, input: UserInput, userId: string | null): Promise<FieldErrors> {
  const errors: FieldErrors = {}
  const others = userId ? ne(users.id, userId) : undefined
  const taken = await takenIdentity(tx, tenantId, input, userId)
  if (taken.username) errors.username = 'This username is taken in this workspace.'
  if (taken.email) errors.email = 'Another user of this workspace has this email.'
  if (input.extensionId) {
    const [extension] = await tx
      .select({ number: extensions.number, holder: users.fullName })
      .from(extensions)
      .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.extensionId, extensions.id), others))
      .where(and(eq(extensions.tenantId, tenantId), eq(extensions.id, input.extensionId)))
    if (!extension) errors.extensionId = 'Choose an extension from the list.'
    else if (extension.holder) errors.extensionId = `Extension ${extension.number} belongs to ${extension.holder}. Choose a free one.`
  }
  return errors
}

const factsFor = (tx: Tx, reach: Reach, input: UserInput) =>
  loadChangeFacts(tx, reach, { profileIds: [input.profileId], groupIds: input.groupIds })

/** The user row's columns for an input (the extension's type lives on the extension); the import writes the same. */
export function userColumns(input: UserInput) {
  return {
    fullName: input.fullName,
    email: input.email,
    username: input.username,
    notes: input.notes,
    jobTitle: input.jobTitle,
    department: input.department,
    mobile: input.mobile,
    hideFromDirectory: input.hideFromDirectory,
    extensionId: input.extensionId,
    forceLogin: input.forceLogin,
    role: input.role,
    profileId: input.profileId,
    status: input.status,
  }
}

async function setExtensionType(tx: Tx, tenantId: string, input: UserInput) {
  if (!input.extensionId) return
  await tx
    .update(extensions)
    .set({ type: input.extensionType, version: sql`${extensions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(extensions.tenantId, tenantId), eq(extensions.id, input.extensionId), ne(extensions.type, input.extensionType)))
}

async function setGroups(tx: Tx, tenantId: string, userId: string, groupIds: string[]) {
  const wanted = [...new Set(groupIds)]
  await tx
    .delete(userGroups)
    .where(
      and(
        eq(userGroups.tenantId, tenantId),
        eq(userGroups.userId, userId),
        wanted.length ? notInArray(userGroups.groupId, wanted) : undefined,
      ),
    )
  if (wanted.length) {
    await tx
      .insert(userGroups)
      .values(wanted.map((groupId) => ({ tenantId, userId, groupId })))
      .onConflictDoNothing()
  }
}

function parse(input: unknown, password: string | null, passwordRequired: boolean) {
  const parsed = userInputSchema.safeParse(input)
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const fieldErrors: FieldErrors = { ...(parsed.success ? {} : fieldErrorsOf<UserField>(parsed.error)), ...crossFieldErrors(raw) }
  if (password || passwordRequired) {
    const problem = password
      ? passwordProblem(password, {
          username: typeof raw.username === 'string' ? raw.username : '',
          email: typeof raw.email === 'string' ? raw.email : '',
        })
      : 'Set a password.'
    if (problem) fieldErrors.password = problem
  }
  return { input: parsed.success ? parsed.data : null, fieldErrors }
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0

const passwordOf = (raw: unknown) => {
  const value = raw && typeof raw === 'object' ? (raw as { password?: unknown }).password : undefined
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * Creates a user of the editor's workspace (`users.create`) from the form's or
 * the API's fields, `password` among them (it follows the password policy).
 */
export async function createUser(db: Db, editor: Actor, raw: unknown): Promise<SaveUserResult> {
  if (!editor.permissions.has('users.create')) return forbidden()
  const invite = invitationWanted(raw)
  const password = passwordOf(raw) ?? ''
  const { input, fieldErrors } = parse(raw, password, !invite)
  if (invite && password) fieldErrors.password = 'Leave the password empty: the invitation lets them choose their own.'
  else if (!invite && !password) fieldErrors.password = 'Set a password, or tick Send an invitation email.'
  if (!input || hasErrors(fieldErrors)) return invalid(fieldErrors)
  const passwordHash = invite ? null : await hashPassword(password)
  try {
    return await db.transaction(async (tx) => {
      const ctx = { actor: editor, facts: await factsFor(tx, editor, input), activeAdmins: null, removedAdmins: new Set<string>() }
      const errors = { ...changeRefusal(ctx, null, input)?.fieldErrors, ...(await identityErrors(tx, editor.tenantId, input, null)) }
      if (hasErrors(errors)) return invalid(errors)
      const [created] = await tx
        .insert(users)
        .values({ tenantId: editor.tenantId, ...userColumns(input), passwordHash })
        .returning({ id: users.id })
      const id = created!.id
      await setExtensionType(tx, editor.tenantId, input)
      await setGroups(tx, editor.tenantId, id, input.groupIds)
      await recordAudit(tx, {
        tenantId: editor.tenantId,
        actor: editor,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        after: { ...input, password: invite ? 'invitation' : 'set' },
      })
      if (!invite) return { ok: true as const, id }
      const invitation = await queueInvitation(tx, editor, { id, fullName: input.fullName, username: input.username, email: input.email })
      return { ok: true as const, id, invitation }
    })
  } catch (error) {
    const fields = constraintErrors(error)
    if (fields) return invalid(fields)
    throw error
  }
}

/**
 * Saves an edit made from `version` of the user. A save based on an older
 * version changes nothing and returns the current values. The last active
 * admin can't be demoted or deactivated, nobody deactivates themselves, and a
 * new password (`users.password`; never one's own, that is My account) or
 * deactivation ends the user's sessions.
 */
export async function updateUser(db: Db, editor: Actor, raw: unknown): Promise<SaveUserResult> {
  if (!editor.permissions.has('users.update')) return forbidden()
  const fields = (raw && typeof raw === 'object' ? raw : {}) as { id?: unknown; version?: unknown }
  const id = z.uuid().safeParse(fields.id)
  if (!id.success) return notFound(GONE)
  const userId = id.data
  const password = passwordOf(raw)
  const invite = invitationWanted(raw)
  if (invite && password) return invalid({ password: 'Leave the password empty: the invitation lets them choose their own.' })
  // Your own password changes in My account, with the current one: a session left open somewhere is not enough.
  if (password && userId === editor.userId) return invalid({ password: 'Change your own password in My account.' })
  if (password && !editor.permissions.has('users.password')) {
    return invalid({ password: 'You don’t have permission to set other users’ passwords.' })
  }
  const version = versionSchema.safeParse(fields.version)
  if (!version.success) return conflict('This form is out of date: reload the page and try again.')
  const { input, fieldErrors } = parse(raw, password, false)
  if (!input || hasErrors(fieldErrors)) return invalid(fieldErrors)
  const passwordHash = password ? await hashPassword(password) : null

  try {
    return await db.transaction(async (tx): Promise<SaveUserResult> => {
      const admins = await lockActiveAdmins(tx, editor.tenantId)
      const [target] = await tx
        .select({ version: users.version, hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL` })
        .from(users)
        .where(and(eq(users.tenantId, editor.tenantId), eq(users.id, userId), isNull(users.deletedAt)))
        .for('update')
      const before = target ? await loadUserForEdit(tx, editor, userId) : null
      const rights = (await rightsOfUsers(tx, editor, [userId])).get(userId)
      if (!target || !before || !rights) return notFound(GONE)
      const ctx = {
        actor: editor,
        facts: await factsFor(tx, editor, input),
        activeAdmins: admins,
        removedAdmins: new Set<string>(),
      }
      // A scoped editor's form offers only the groups they manage: the user's other memberships stay as they are.
      const managed = ctx.facts.managed
      if (managed) input.groupIds = [...new Set([...input.groupIds, ...before.groupIds.filter((id) => !managed.has(id))])]
      const refusal = changeRefusal(ctx, { id: userId, before, rights }, input)
      // Someone with more rights than the editor is out of reach, as if not there (the API answers 404), even for a stale form.
      if (refusal && refusal.reason !== 'invalid') return refusal
      if (target.version !== version.data) {
        return {
          ...refuse(
            'stale',
            'Someone else changed this user while you were editing. Nothing was saved: these are the current values. Make your changes again and save.',
          ),
          current: before,
        }
      }
      const errors = { ...refusal?.fieldErrors, ...(await identityErrors(tx, editor.tenantId, input, userId)) }
      if (invite && target.hasPassword) errors.password = 'This user already has a password: send a password reset from their page instead.'
      if (invite && input.status !== 'active') errors.status = 'Activate the user to send them an invitation.'
      if (hasErrors(errors)) return invalid(errors)

      const ending = passwordHash ? 'password-changed' : endsSessions(before, input)
      await tx
        .update(users)
        .set({
          ...userColumns(input),
          ...(passwordHash ? { passwordHash } : {}),
          ...(ending ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(users.tenantId, editor.tenantId), eq(users.id, userId)))
      await setExtensionType(tx, editor.tenantId, input)
      await setGroups(tx, editor.tenantId, userId, input.groupIds)
      if (ending) await endDashboardSessions(tx, editor.tenantId, [userId], ending)

      const after = { ...input, groupIds: [...new Set(input.groupIds)].sort() }
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      if (changed.length) {
        await recordAudit(tx, {
          tenantId: editor.tenantId,
          actor: editor,
          action: 'user.update',
          entityType: 'user',
          entityId: userId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        })
      }
      if (passwordHash) {
        await recordAudit(tx, {
          tenantId: editor.tenantId,
          actor: editor,
          action: 'user.password_change',
          entityType: 'user',
          entityId: userId,
        })
      }
      if (!invite) return { ok: true, id: userId }
      const invitation = await queueInvitation(tx, editor, {
        id: userId,
        fullName: input.fullName,
        username: input.username,
        email: input.email,
      })
      return { ok: true, id: userId, invitation }
    })
  } catch (error) {
    const fields = constraintErrors(error)
    if (fields) return invalid(fields)
    throw error
  }
}
