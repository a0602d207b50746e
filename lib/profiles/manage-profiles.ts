import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Queryable } from '@/db/client'
import { profiles, users, type Role } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { isUniqueViolation } from '@/db/errors'
import { missingRights, rightsOfProfile, rightsOfRole, withinRights } from '@/lib/auth/privilege'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { conflict, forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { profileInputSchema, type ProfileField } from './profile-input'

const GONE = 'This profile no longer exists.'

export type SaveProfileResult = Result<{ id: string }, ProfileField>

const nameTaken = { name: 'Another profile of this workspace has this name.' }
const OWN_PROFILE = 'You can’t change the profile you hold: another admin can.'
const OUTRANKED = 'You can’t change this profile: it gives permissions you don’t have.'

/** "Give only what you have": the permissions a profile would give that the actor lacks, as a field error. */
function beyondActor(actor: Actor, role: Role, permissions: readonly string[]) {
  const missing = missingRights(actor.permissions, rightsOfProfile(role, permissions))
  return missing.length
    ? { permissions: `You can only give permissions you have yourself: ${missing.join(', ')} is not yours to give.` }
    : null
}

/** Why the actor may not change this profile (their own, or one giving more than they have), or null. */
export async function profileLockedFor(
  db: Queryable,
  actor: Pick<Actor, 'userId' | 'tenantId' | 'permissions'>,
  profile: { id: string; role: Role; permissions: readonly string[] },
): Promise<string | null> {
  if (await holdsProfile(db, actor, profile.id)) return OWN_PROFILE
  return withinRights(actor.permissions, rightsOfProfile(profile.role, profile.permissions)) ? null : OUTRANKED
}

async function holdsProfile(tx: Queryable, actor: Pick<Actor, 'userId' | 'tenantId'>, profileId: string) {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, actor.userId), eq(users.profileId, profileId)))
  return !!row
}

/** Creates a profile (`settings.manage`) under one role with a subset of that role's permissions. */
export async function createProfile(db: Db, actor: Actor, raw: unknown): Promise<SaveProfileResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const parsed = profileInputSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<ProfileField>(parsed.error))
  const input = { ...parsed.data, permissions: [...new Set(parsed.data.permissions)].sort() }
  const beyond = beyondActor(actor, input.role, input.permissions)
  if (beyond) return invalid(beyond)
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(profiles)
        .values({ tenantId: actor.tenantId, ...input })
        .returning({ id: profiles.id })
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'profile.create',
        entityType: 'profile',
        entityId: row!.id,
        after: input,
      })
      return { ok: true as const, id: row!.id }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'profiles_tenant_name_key')) return invalid(nameTaken)
    throw error
  }
}

/**
 * Renames a profile or changes its permissions; its users get the new set on
 * their next request (sessions read the profile every time). The role is
 * fixed: users hold a profile *of their role*, so a different role is a new profile.
 */
export async function updateProfile(db: Db, actor: Actor, raw: { id: unknown } & Record<string, unknown>): Promise<SaveProfileResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const id = z.uuid().safeParse(raw.id)
  if (!id.success) return notFound(GONE)
  const parsed = profileInputSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<ProfileField>(parsed.error))
  const input = { ...parsed.data, permissions: [...new Set(parsed.data.permissions)].sort() }
  try {
    return await db.transaction(async (tx): Promise<SaveProfileResult> => {
      const [current] = await tx
        .select()
        .from(profiles)
        .where(and(eq(profiles.tenantId, actor.tenantId), eq(profiles.id, id.data)))
        .for('update')
      if (!current) return notFound(GONE)
      const locked = await profileLockedFor(tx, actor, current)
      if (locked) return conflict(locked)
      const beyond = beyondActor(actor, input.role, input.permissions)
      if (beyond) return invalid(beyond)
      if (current.role !== input.role)
        return invalid({ role: 'A profile’s role can’t change: create a profile under the other role instead.' })
      await tx
        .update(profiles)
        .set({
          name: input.name,
          description: input.description,
          permissions: input.permissions,
          scope: input.scope,
          version: sql`${profiles.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(profiles.tenantId, actor.tenantId), eq(profiles.id, id.data)))
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'profile.update',
        entityType: 'profile',
        entityId: id.data,
        before: { name: current.name, description: current.description, permissions: current.permissions, scope: current.scope },
        after: { name: input.name, description: input.description, permissions: input.permissions, scope: input.scope },
      })
      return { ok: true, id: id.data }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'profiles_tenant_name_key')) return invalid(nameTaken)
    throw error
  }
}

/**
 * Deletes a profile. While users hold it, it is refused with their number,
 * unless `reassign` (the admin confirmed): those users then keep their role
 * without a profile (its full permissions), each change audited.
 */
export async function deleteProfile(db: Db, actor: Actor, input: { id: unknown; reassign: boolean }): Promise<Result<{ message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const reassign = input.reassign === true
  const id = z.uuid().safeParse(input.id)
  if (!id.success) return notFound(GONE)
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    const [profile] = await tx
      .select()
      .from(profiles)
      .where(and(eq(profiles.tenantId, actor.tenantId), eq(profiles.id, id.data)))
      .for('update')
    if (!profile) return notFound(GONE)
    const locked = await profileLockedFor(tx, actor, profile)
    if (locked) return conflict(locked)
    const holders = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.profileId, id.data)))
      .for('update')
    if (holders.length && !reassign) {
      return conflict(
        `${holders.length} user${holders.length === 1 ? ' holds' : 's hold'} “${profile.name}”. Confirm to remove it from them too.`,
      )
    }
    // Its holders keep their role without a profile: its whole set, which must be the actor's to give.
    if (holders.length && !withinRights(actor.permissions, rightsOfRole(profile.role))) {
      return conflict(
        `You can’t delete this profile while users hold it: they would get every permission of the ${profile.role} role, and some are not yours to give.`,
      )
    }
    if (holders.length) {
      await tx
        .update(users)
        .set({ profileId: null, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.profileId, id.data)))
      for (const h of holders) {
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          actor,
          action: 'user.update',
          entityType: 'user',
          entityId: h.id,
          before: { profile: profile.name },
          after: { profile: null },
        })
      }
    }
    await tx.delete(profiles).where(and(eq(profiles.tenantId, actor.tenantId), eq(profiles.id, id.data)))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'profile.delete',
      entityType: 'profile',
      entityId: id.data,
      before: { name: profile.name, role: profile.role, holders: holders.length },
    })
    return {
      ok: true as const,
      message: `Profile “${profile.name}” deleted.${holders.length ? ` ${holders.length} user${holders.length === 1 ? '' : 's'} now ha${holders.length === 1 ? 's' : 've'} no profile.` : ''}`,
    }
  })
}

export type { Role }
