import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Tx } from '@/db/client'
import { isForeignKeyViolation } from '@/db/errors'
import { profiles, userGroups, users } from '@/db/schema'
import { rightsOfUsers } from '@/lib/auth/privilege'
import { scopeCondition } from '@/lib/auth/scope'
import { recordAudits, type AuditInput } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { jsonList } from '@/lib/db/json-list'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, type Result } from '@/lib/validation/result'
import { lockActiveAdmins } from './admin-guard'
import { endDashboardSessions } from '@/lib/auth/session-user'
import {
  bulkEditSetErrors,
  bulkEditSetSchema,
  bulkFilterQuery,
  bulkFilterSchema,
  NOTHING_CHOSEN,
  type BulkEditField,
  type BulkEditSet,
} from './bulk-edit-input'
import { parseUserListParams } from './list-params'
import { userListWhere } from './list-users'
import { idsOfView } from './manage-users-matching'
import { changeRefusal, endsSessions, loadChangeFacts, removesActiveAdmin, type ChangeContext, type RuleView } from './user-change-rules'

/** At most this many users per bulk edit (the API's filter; the list's "all matching" stops at its exact count, 10,000). */
export const BULK_EDIT_LIMIT = 100_000
/** Users per transaction: each batch locks its users (and the admins) briefly, and a failure keeps the batches before it. */
export const BULK_EDIT_BATCH = 1_000

export interface BulkEditUserOutcome {
  id: string
  fullName: string
  username: string
  outcome: 'updated' | 'unchanged' | 'skipped'
  /** Why a skipped user was left alone: the message a single save would give. */
  reason?: string
}

export type BulkEditResult = Result<
  { dryRun: boolean; updated: number; unchanged: number; skipped: number; results: BulkEditUserOutcome[] },
  BulkEditField
>

const targetSchema = z.object({
  ids: z.array(z.uuid('Those aren’t user ids.')).min(1, 'Select at least one user.').max(BULK_EDIT_LIMIT).optional(),
  query: z.string().max(8_000, 'That list view is not valid.').optional(),
  filter: bulkFilterSchema.optional(),
  expected: z.coerce.number().int().min(1).optional(),
  dryRun: z.boolean().default(false),
})

const GONE = 'This user no longer exists.'
const number = new Intl.NumberFormat('en-GB')

/** The fields a user row holds that a bulk edit can change, plus what the rules need. */
type EditView = RuleView & { hideFromDirectory: boolean; department: string; jobTitle: string }
const SCALARS = ['role', 'profileId', 'status', 'forceLogin', 'hideFromDirectory', 'department', 'jobTitle'] as const

function applySet(before: EditView, set: BulkEditSet): EditView {
  const removed = new Set(set.removeGroupIds ?? [])
  const groupIds = [...new Set([...before.groupIds, ...(set.addGroupIds ?? [])])].filter((id) => !removed.has(id)).sort()
  const after: EditView = { ...before, groupIds }
  for (const key of SCALARS) if (set[key] !== undefined) (after as unknown as Record<string, unknown>)[key] = set[key]
  return after
}

/** The fields that differ, as the user form's audit entries name them. */
function changedFields(before: EditView, after: EditView): (keyof EditView)[] {
  return ([...SCALARS, 'groupIds'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}

/**
 * Changes the chosen fields (`set`) of many users of the actor's workspace:
 * those listed (`ids`), or every user a list view matches (`query`, the list's
 * URL parameters, with the count the admin confirmed as `expected`; or the
 * API's `filter`). Each user goes through the user form's own rules
 * (changeRefusal): a user they refuse is skipped with that rule's message, the
 * rest are changed. Only the chosen columns are written, so a change someone
 * else saved meanwhile to another field stays. Deactivation or a new role ends
 * the user's sessions; each changed user gets an audit entry as from the form.
 * `dryRun` answers the same without writing.
 */
export async function bulkEditUsers(db: Db, actor: Actor, raw: Record<string, unknown>): Promise<BulkEditResult> {
  if (!actor.permissions.has('users.update')) return forbidden()
  const { set: rawSet, ...rawTarget } = raw
  const target = targetSchema.safeParse(rawTarget)
  if (!target.success) return invalid({}, target.error.issues[0]?.message ?? 'That request was not valid.')
  const parsedSet = bulkEditSetSchema.safeParse(rawSet ?? {})
  if (!parsedSet.success) {
    const fieldErrors = fieldErrorsOf<BulkEditField>(parsedSet.error)
    return invalid(fieldErrors, Object.keys(fieldErrors).length ? undefined : parsedSet.error.issues[0]?.message)
  }
  const set = parsedSet.data
  if (Object.keys(set).length === 0) return invalid({}, NOTHING_CHOSEN)
  const setErrors = bulkEditSetErrors(set)
  if (Object.keys(setErrors).length) return invalid(setErrors)

  const facts = await loadChangeFacts(db, actor, {
    profileIds: [set.profileId ?? null],
    groupIds: [...(set.addGroupIds ?? []), ...(set.removeGroupIds ?? [])],
  })
  if (set.profileId && !facts.profiles.has(set.profileId)) return invalid({ profileId: 'Choose a profile from the list.' })
  if (set.addGroupIds?.some((id) => !facts.groups.has(id))) return invalid({ addGroupIds: 'Choose groups from the list.' })
  if (set.removeGroupIds?.some((id) => !facts.groups.has(id))) return invalid({ removeGroupIds: 'Choose groups from the list.' })

  const ids = await targetIds(db, actor, target.data)
  if (!Array.isArray(ids)) return ids
  const { dryRun } = target.data

  const results: BulkEditUserOutcome[] = []
  for (let i = 0; i < ids.length; i += BULK_EDIT_BATCH) {
    const batch = ids.slice(i, i + BULK_EDIT_BATCH)
    try {
      results.push(...(await db.transaction((tx) => editBatch(tx, actor, facts, set, batch, dryRun))))
    } catch (error) {
      if (!isForeignKeyViolation(error, 'users_profile_fk') && !isForeignKeyViolation(error, 'user_groups_group_fk')) throw error
      const done = results.filter((r) => r.outcome === 'updated').length
      return invalid(
        {},
        `A profile or group you chose was just deleted. ${done ? `${number.format(done)} users were updated before that; ` : ''}Choose again.`,
      )
    }
  }
  const count = (outcome: BulkEditUserOutcome['outcome']) => results.filter((r) => r.outcome === outcome).length
  return { ok: true, dryRun, updated: count('updated'), unchanged: count('unchanged'), skipped: count('skipped'), results }
}

/** The users to edit, in id order: the listed ones (ids of other workspaces are simply not found), or the view's. */
async function targetIds(db: Db, actor: Actor, target: z.output<typeof targetSchema>): Promise<string[] | BulkEditResult> {
  const given = [target.ids !== undefined, target.query !== undefined, target.filter !== undefined].filter(Boolean).length
  if (given !== 1) return invalid({}, 'Send either ids or filter.')
  if (target.ids) return actorFirst(actor, [...new Set(target.ids)].sort())
  const query = target.filter ? bulkFilterQuery(target.filter) : target.query!
  const where = userListWhere(actor, parseUserListParams(new URLSearchParams(query)))
  // The list's "all matching" confirmed a count (`expected`); a script's filter may simply match nobody.
  const ids = await idsOfView(db, where, { limit: BULK_EDIT_LIMIT, expected: target.expected })
  return Array.isArray(ids) ? actorFirst(actor, ids) : ids
}

/** The actor's own row first: "you can't change your own role" is their reason, whichever admins the others' changes leave. */
function actorFirst(actor: Actor, ids: string[]): string[] {
  return ids.includes(actor.userId) ? [actor.userId, ...ids.filter((id) => id !== actor.userId)] : ids
}

async function editBatch(
  tx: Tx,
  actor: Actor,
  facts: ChangeContext['facts'],
  set: BulkEditSet,
  batch: string[],
  dryRun: boolean,
): Promise<BulkEditUserOutcome[]> {
  // The admins first, as every save that can remove one does (same lock order: no deadlock with a single save).
  const activeAdmins = await lockActiveAdmins(tx, actor.tenantId)
  const rows = await tx
    .select({
      id: users.id,
      fullName: users.fullName,
      username: users.username,
      role: users.role,
      profileId: users.profileId,
      status: users.status,
      forceLogin: users.forceLogin,
      extensionId: users.extensionId,
      hideFromDirectory: users.hideFromDirectory,
      department: users.department,
      jobTitle: users.jobTitle,
      profilePermissions: profiles.permissions,
      groupIds: sql<string[]>`coalesce((
        SELECT array_agg(${userGroups.groupId}::text) FROM ${userGroups}
        WHERE ${userGroups.tenantId} = ${users.tenantId} AND ${userGroups.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(
      and(
        eq(users.tenantId, actor.tenantId),
        sql`${users.id} IN ${jsonList(batch, 'uuid')}`,
        isNull(users.deletedAt),
        scopeCondition(actor),
      ),
    )
    .for('update', { of: users })
  const byId = new Map(rows.map((r) => [r.id, r]))
  // Out of a scoped actor's reach (outside their groups: absent above; over the whole workspace: every right) is refused per user.
  const reachRights = actor.scoped ? await rightsOfUsers(tx, actor, [...byId.keys()]) : null

  const removedAdmins = new Set<string>()
  const ctx: ChangeContext = { actor, facts, activeAdmins, removedAdmins }
  const outcomes: BulkEditUserOutcome[] = []
  const changes: { id: string; before: EditView; after: EditView; fields: (keyof EditView)[] }[] = []
  for (const id of batch) {
    const row = byId.get(id)
    if (!row) {
      outcomes.push({ id, fullName: '', username: '', outcome: 'skipped', reason: GONE })
      continue
    }
    const { profilePermissions, fullName, username, ...view } = row
    const before: EditView = { ...view, groupIds: [...view.groupIds].sort() }
    const after = applySet(before, set)
    const who = { id, fullName, username }
    const rights = reachRights?.get(id) ?? effectivePermissions(row.role, profilePermissions)
    const refusal = changeRefusal(ctx, { id, before, rights }, after)
    if (refusal) {
      const reason = refusal.formError ?? Object.values(refusal.fieldErrors).find(Boolean) ?? 'Not allowed.'
      outcomes.push({ ...who, outcome: 'skipped', reason })
      continue
    }
    const fields = changedFields(before, after)
    if (fields.length === 0) {
      outcomes.push({ ...who, outcome: 'unchanged' })
      continue
    }
    if (removesActiveAdmin(before, after)) removedAdmins.add(id)
    changes.push({ id, before, after, fields })
    outcomes.push({ ...who, outcome: 'updated' })
  }
  if (!dryRun && changes.length) await writeChanges(tx, actor, set, changes)
  return outcomes
}

async function writeChanges(
  tx: Tx,
  actor: Actor,
  set: BulkEditSet,
  changes: { id: string; before: EditView; after: EditView; fields: (keyof EditView)[] }[],
) {
  const { tenantId } = actor
  const ids = changes.map((c) => c.id)
  const inBatch = (column: typeof users.id | typeof userGroups.userId, list: string[]) => sql`${column} IN ${jsonList(list, 'uuid')}`
  // Only the chosen columns: whatever else someone saved meanwhile stays as they saved it.
  const columns = Object.fromEntries(SCALARS.filter((k) => set[k] !== undefined).map((k) => [k, set[k]]))
  await tx
    .update(users)
    .set({ ...columns, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.tenantId, tenantId), inBatch(users.id, ids)))

  const ending = new Map<string, string[]>()
  for (const c of changes) {
    const reason = endsSessions(c.before, c.after)
    if (reason) ending.set(reason, [...(ending.get(reason) ?? []), c.id])
  }
  for (const [reason, endIds] of ending) {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.tenantId, tenantId), inBatch(users.id, endIds)))
    await endDashboardSessions(tx, tenantId, endIds, reason)
  }

  if (set.addGroupIds?.length) {
    await tx.execute(sql`
      INSERT INTO ${userGroups} (tenant_id, user_id, group_id)
      SELECT ${tenantId}::uuid, u.value::uuid, g.value::uuid
      FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) u CROSS JOIN jsonb_array_elements_text(${JSON.stringify(set.addGroupIds)}::jsonb) g
      ON CONFLICT DO NOTHING`)
  }
  if (set.removeGroupIds?.length) {
    await tx
      .delete(userGroups)
      .where(
        and(
          eq(userGroups.tenantId, tenantId),
          inBatch(userGroups.userId, ids),
          sql`${userGroups.groupId} IN ${jsonList(set.removeGroupIds, 'uuid')}`,
        ),
      )
  }

  const audits: AuditInput[] = changes.map((c) => ({
    tenantId,
    actor,
    action: 'user.update',
    entityType: 'user',
    entityId: c.id,
    before: Object.fromEntries(c.fields.map((k) => [k, c.before[k]])),
    after: Object.fromEntries(c.fields.map((k) => [k, c.after[k]])),
  }))
  await recordAudits(tx, audits)
}
