import 'server-only'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { ssoConnections, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { mayActOnUsers, OUTRANKED_SOME_MESSAGE } from '@/lib/auth/privilege'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { OutboundRefused } from '@/lib/http/outbound'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { checkIssuerUrl, sealClientSecret } from './identity-provider'
import { ssoSettingsSchema, type SsoSettingsField } from './sso-input'

type SsoResult = Result<{ message: string }, SsoSettingsField>

export const NEEDS_BREAK_GLASS =
  'Mark at least one active admin as break-glass first: they can still sign in if the identity provider is down.'

/**
 * Saves Settings › Single sign-on (`settings.manage`): the identity provider,
 * whether a first sign-in creates an Agent, whether single sign-on is
 * required, and which admins are break-glass. Requiring it needs at least one
 * active break-glass admin, checked under the admins' lock (the same lock every
 * change that could take that admin away takes: lib/users/admin-guard.ts).
 * Changing someone's break-glass mark is acting on them: only for admins with
 * no more rights than the actor. Audited, the secret as "changed" only.
 */
export async function saveSsoSettings(db: Db, actor: Actor, raw: unknown): Promise<SsoResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const parsed = ssoSettingsSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<SsoSettingsField>(parsed.error))
  const input = parsed.data
  try {
    checkIssuerUrl(input.issuerUrl)
  } catch (error) {
    if (error instanceof OutboundRefused) return invalid({ issuerUrl: error.message })
    throw error
  }
  return db.transaction(async (tx): Promise<SsoResult> => {
    // The admins' lock first, as in every change that can take away the last break-glass admin.
    const admins = await tx
      .select({ id: users.id, breakGlass: users.breakGlass })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.role, 'Admin'), eq(users.status, 'active'), isNull(users.deletedAt)))
      .for('update')
    const [before] = await tx.select().from(ssoConnections).where(eq(ssoConnections.tenantId, actor.tenantId)).for('update')
    if (!before && !input.clientSecret) return invalid({ clientSecret: 'Enter the client secret.' })

    const wanted = new Set(input.breakGlass)
    if ([...wanted].some((id) => !admins.some((a) => a.id === id))) return invalid({ breakGlass: 'Choose admins from the list.' })
    const flipped = admins.filter((a) => a.breakGlass !== wanted.has(a.id)).map((a) => a.id)
    if (flipped.length && !(await mayActOnUsers(tx, actor, flipped))) return invalid({ breakGlass: OUTRANKED_SOME_MESSAGE })
    if (input.requireSso && wanted.size === 0) return invalid({ requireSso: NEEDS_BREAK_GLASS })

    const values = {
      issuerUrl: input.issuerUrl,
      clientId: input.clientId,
      displayName: input.displayName,
      createUsers: input.createUsers,
      requireSso: input.requireSso,
      ...(input.clientSecret ? sealClientSecret(appKeyring(), actor.tenantId, input.clientSecret) : {}),
    }
    if (before) {
      await tx
        .update(ssoConnections)
        .set({ ...values, version: sql`${ssoConnections.version} + 1`, updatedAt: sql`now()` })
        .where(eq(ssoConnections.tenantId, actor.tenantId))
    } else {
      await tx
        .insert(ssoConnections)
        .values({ tenantId: actor.tenantId, ...values, ...sealClientSecret(appKeyring(), actor.tenantId, input.clientSecret) })
    }
    for (const mark of [true, false]) {
      const ids = flipped.filter((id) => wanted.has(id) === mark)
      if (ids.length) {
        await tx
          .update(users)
          .set({ breakGlass: mark, updatedAt: sql`now()` })
          .where(and(eq(users.tenantId, actor.tenantId), inArray(users.id, ids)))
      }
    }
    const shown = (c: typeof values | typeof before) =>
      c && {
        issuerUrl: c.issuerUrl,
        clientId: c.clientId,
        displayName: c.displayName,
        createUsers: c.createUsers,
        requireSso: c.requireSso,
      }
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'sso.update',
      entityType: 'sso',
      entityId: actor.tenantId,
      before: before ? { ...shown(before), breakGlass: admins.filter((a) => a.breakGlass).map((a) => a.id) } : null,
      after: { ...shown(values), clientSecret: input.clientSecret ? 'changed' : 'unchanged', breakGlass: [...wanted].sort() },
    })
    return {
      ok: true,
      message: input.requireSso
        ? 'Saved. Single sign-on is required: only break-glass admins can sign in with a password.'
        : 'Saved. People of this workspace can sign in with single sign-on.',
    }
  })
}

/** Removes the identity provider (`settings.manage`): everyone signs in with a password again; break-glass marks stay. */
export async function removeSso(db: Db, actor: Actor): Promise<SsoResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  return db.transaction(async (tx): Promise<SsoResult> => {
    const [removed] = await tx
      .delete(ssoConnections)
      .where(eq(ssoConnections.tenantId, actor.tenantId))
      .returning({ issuerUrl: ssoConnections.issuerUrl, displayName: ssoConnections.displayName })
    if (!removed) return notFound('This workspace has no single sign-on.')
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'sso.remove',
      entityType: 'sso',
      entityId: actor.tenantId,
      before: removed,
    })
    return { ok: true, message: 'Single sign-on removed: everyone signs in with their password again.' }
  })
}
