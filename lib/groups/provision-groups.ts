import 'server-only'
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Tx } from '@/db/client'
import { groups, userGroups, users } from '@/db/schema'
import { isUniqueViolation } from '@/db/errors'
import { recordAudit, recordAudits, type AuditInput } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { conflict, forbidden, invalid, notFound, refuse, type Result } from '@/lib/validation/result'
import { groupNameSchema } from './group-input'
import { deleteGroupIn } from './manage-groups'

/**
 * Groups as an identity provider pushes them (SCIM): a name, its id for the
 * group, and members by user id, changed as a whole (PUT) or by adding and
 * removing (PATCH). Who is in which team is user management (`users.update`),
 * which the provisioning identity holds. Memberships are written set-based, so
 * a group of 15,000 takes a few statements; each member added or removed is
 * one audit entry, as from the group's page.
 */

export type GroupChange = {
  displayName?: string
  externalId?: string | null
  /** `set`: exactly these (PUT, PATCH replace); else add, then remove (`'all'`: everyone). */
  members?: { set: string[] } | { add: string[]; remove: string[] | 'all' }
}

export type ProvisionGroupResult = Result<{ id: string }, 'displayName' | 'externalId' | 'members'>

const GONE = 'This group no longer exists.'
const ids = z.array(z.uuid()).max(100_000)

async function checkMembers(tx: Tx, tenantId: string, wanted: string[]): Promise<string | null> {
  if (!ids.safeParse(wanted).success) return 'Members must be user ids of this workspace.'
  const unique = [...new Set(wanted)]
  if (!unique.length) return null
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique), isNull(users.deletedAt)))
  if (found.length === unique.length) return null
  const known = new Set(found.map((f) => f.id))
  return `No user of this workspace has the id ${unique.find((id) => !known.has(id))}.`
}

function checkFields(change: GroupChange): Partial<Record<'displayName' | 'externalId', string>> {
  const errors: Partial<Record<'displayName' | 'externalId', string>> = {}
  if (change.displayName !== undefined) {
    const name = groupNameSchema.safeParse(change.displayName)
    if (!name.success) errors.displayName = name.error.issues[0]!.message
  }
  if (change.externalId !== undefined && change.externalId !== null && (!change.externalId || change.externalId.length > 254)) {
    errors.externalId = 'Send an externalId of 1 to 254 characters.'
  }
  return errors
}

const memberAudit = (actor: Actor, group: string, userId: string, added: boolean): AuditInput => ({
  tenantId: actor.tenantId,
  actor,
  action: added ? 'group.add_member' : 'group.remove_member',
  entityType: 'user',
  entityId: userId,
  ...(added ? { after: { group } } : { before: { group } }),
})

async function writeMembers(tx: Tx, actor: Actor, groupId: string, name: string, members: NonNullable<GroupChange['members']>) {
  const scope = and(eq(userGroups.tenantId, actor.tenantId), eq(userGroups.groupId, groupId))
  const add = 'set' in members ? members.set : members.add
  const remove = 'set' in members ? null : members.remove
  const removed =
    'set' in members
      ? await tx
          .delete(userGroups)
          .where(and(scope, members.set.length ? notInArray(userGroups.userId, [...new Set(members.set)]) : undefined))
          .returning({ userId: userGroups.userId })
      : remove === 'all'
        ? await tx.delete(userGroups).where(scope).returning({ userId: userGroups.userId })
        : remove!.length
          ? await tx
              .delete(userGroups)
              .where(and(scope, inArray(userGroups.userId, [...new Set(remove)])))
              .returning({ userId: userGroups.userId })
          : []
  const added = add.length
    ? await tx
        .insert(userGroups)
        .values([...new Set(add)].map((userId) => ({ tenantId: actor.tenantId, userId, groupId })))
        .onConflictDoNothing()
        .returning({ userId: userGroups.userId })
    : []
  await recordAudits(tx, [
    ...added.map((a) => memberAudit(actor, name, a.userId, true)),
    ...removed.filter((r) => !added.some((a) => a.userId === r.userId)).map((r) => memberAudit(actor, name, r.userId, false)),
  ])
}

const nameOrIdTaken = (error: unknown) =>
  isUniqueViolation(error, 'groups_tenant_name_key')
    ? conflict('Another group of this workspace has this name.')
    : isUniqueViolation(error, 'groups_tenant_external_id_key')
      ? conflict('Another group of this workspace has this externalId.')
      : null

/** Creates a group with its members (`users.update`). */
export async function provisionGroup(
  db: Db,
  actor: Actor,
  group: { displayName: string; externalId: string | null; members: string[] },
): Promise<ProvisionGroupResult> {
  if (!actor.permissions.has('users.update')) return forbidden()
  const errors = checkFields({ displayName: group.displayName, externalId: group.externalId })
  if (Object.keys(errors).length) return invalid(errors)
  try {
    return await db.transaction(async (tx): Promise<ProvisionGroupResult> => {
      const unknown = await checkMembers(tx, actor.tenantId, group.members)
      if (unknown) return invalid({ members: unknown })
      const name = groupNameSchema.parse(group.displayName)
      const [row] = await tx
        .insert(groups)
        .values({ tenantId: actor.tenantId, name, externalId: group.externalId })
        .returning({ id: groups.id })
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'group.create',
        entityType: 'group',
        entityId: row!.id,
        after: { name },
      })
      await writeMembers(tx, actor, row!.id, name, { set: group.members })
      return { ok: true, id: row!.id }
    })
  } catch (error) {
    const taken = nameOrIdTaken(error)
    if (taken) return taken
    throw error
  }
}

/** Changes a group's name, externalId and members (`users.update`), from `expectedVersion` when one was sent. */
export async function reprovisionGroup(
  db: Db,
  actor: Actor,
  groupId: string,
  change: GroupChange,
  expectedVersion: number | null,
): Promise<ProvisionGroupResult> {
  if (!actor.permissions.has('users.update')) return forbidden()
  const errors = checkFields(change)
  if (Object.keys(errors).length) return invalid(errors)
  try {
    return await db.transaction(async (tx): Promise<ProvisionGroupResult> => {
      const [before] = await tx
        .select({ name: groups.name, externalId: groups.externalId, version: groups.version })
        .from(groups)
        .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId)))
        .for('update')
      if (!before) return notFound(GONE)
      if (expectedVersion !== null && expectedVersion !== before.version)
        return refuse('stale', 'This group changed since the version you sent.')
      if (change.members) {
        const unknown = await checkMembers(tx, actor.tenantId, 'set' in change.members ? change.members.set : change.members.add)
        if (unknown) return invalid({ members: unknown })
      }
      const name = change.displayName === undefined ? before.name : groupNameSchema.parse(change.displayName)
      const externalId = change.externalId === undefined ? before.externalId : change.externalId
      if (name !== before.name || externalId !== before.externalId) {
        await tx
          .update(groups)
          .set({ name, externalId, version: sql`${groups.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(groups.tenantId, actor.tenantId), eq(groups.id, groupId)))
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          actor,
          action: 'group.update',
          entityType: 'group',
          entityId: groupId,
          before: { name: before.name, externalId: before.externalId },
          after: { name, externalId },
        })
      }
      if (change.members) await writeMembers(tx, actor, groupId, name, change.members)
      return { ok: true, id: groupId }
    })
  } catch (error) {
    const taken = nameOrIdTaken(error)
    if (taken) return taken
    throw error
  }
}

/** Deletes a group (`users.update`); its members stay, outside it. */
export async function deprovisionGroup(db: Db, actor: Actor, groupId: string, expectedVersion: number | null): Promise<Result> {
  if (!actor.permissions.has('users.update')) return forbidden()
  const result = await db.transaction((tx) => deleteGroupIn(tx, actor, groupId, expectedVersion))
  return result.ok ? { ok: true } : result
}
