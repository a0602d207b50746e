import 'server-only'
import crypto from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Queryable } from '@/db/client'
import { scimTokens, tenants } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { provisioningActor, type Actor } from '@/lib/auth/actor'
import { PERMISSIONS } from '@/lib/auth/permissions'
import { missingRights, withinRights } from '@/lib/auth/privilege'
import { provisioningPermissions } from '@/lib/users/provision-users'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { singleLineText } from '@/lib/validation/text'
import { changeWorkspaceSetting, WORKSPACE_GONE } from '@/lib/workspace-settings/workspace-setting'

/**
 * Settings › Provisioning (SCIM): the identity provider's bearer tokens and
 * whether it may change Admins. A token is the provisioning identity of its
 * workspace (lib/users/provision-users.ts): user management, no user. It can
 * only be handed out by someone who holds every permission it carries (an
 * actor gives only what they have), and letting it reach Admins takes an admin
 * who holds every permission.
 */

const hash = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex')
const PREFIX_LENGTH = 10

/** The token from `Authorization: Bearer scim_…`, or null. */
const bearer = (header: string | null) => /^Bearer\s+(scim_[A-Za-z0-9_-]{43})\s*$/i.exec(header ?? '')?.[1] ?? null

const nameSchema = z.object({
  name: singleLineText().trim().min(1, 'Give the token a name, e.g. Okta or Entra ID.').max(100, 'Use at most 100 characters.'),
})

export type GenerateScimTokenResult = Result<{ token: string; name: string }, 'name'>

const NEEDS_RIGHTS = (missing: string[]) =>
  `A SCIM token manages users with ${missing.join(', ')}, which you don’t have: ask an admin who has them.`

const managesAdmins = async (db: Queryable, tenantId: string) =>
  (await db.select({ on: tenants.scimManagesAdmins }).from(tenants).where(eq(tenants.id, tenantId)))[0]?.on ?? false

/** `Generate SCIM token` (`settings.manage`, and every permission the token carries): shown once, only its hash kept. */
export async function generateScimToken(db: Db, actor: Actor, input: { name: unknown }): Promise<GenerateScimTokenResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const parsed = nameSchema.safeParse(input)
  if (!parsed.success) return invalid(fieldErrorsOf<'name'>(parsed.error))
  const carried = provisioningPermissions(await managesAdmins(db, actor.tenantId))
  if (!withinRights(actor.permissions, carried)) return forbidden(NEEDS_RIGHTS(missingRights(actor.permissions, carried)))
  const token = `scim_${crypto.randomBytes(32).toString('base64url')}`
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(scimTokens)
      .values({
        tenantId: actor.tenantId,
        name: parsed.data.name,
        tokenHash: hash(token),
        prefix: token.slice(0, PREFIX_LENGTH),
        createdBy: actor.userId,
      })
      .returning({ id: scimTokens.id })
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'scim.token_create',
      entityType: 'scim_token',
      entityId: row!.id,
      after: { name: parsed.data.name },
    })
    return { ok: true as const, token, name: parsed.data.name }
  })
}

/** `Revoke` (`settings.manage`): the identity provider's next request with it is refused. */
export async function revokeScimToken(db: Db, actor: Actor, input: { id: unknown }): Promise<Result<{ message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const id = z.uuid().safeParse(input.id)
  if (!id.success) return notFound('This token no longer exists.')
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    const [row] = await tx
      .update(scimTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(scimTokens.tenantId, actor.tenantId), eq(scimTokens.id, id.data), isNull(scimTokens.revokedAt)))
      .returning({ name: scimTokens.name })
    if (!row) return notFound('This token no longer exists.')
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'scim.token_revoke',
      entityType: 'scim_token',
      entityId: id.data,
      before: row,
    })
    return { ok: true, message: `Token “${row.name}” revoked: the identity provider can’t use it any more.` }
  })
}

/** `Let the identity provider change admins` (off by default). Turning it on takes an admin who holds every permission. */
export async function updateScimSettings(db: Db, actor: Actor, input: { managesAdmins: unknown }): Promise<Result<{ message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const on = input.managesAdmins === true || input.managesAdmins === 'on'
  if (on && !withinRights(actor.permissions, PERMISSIONS)) return forbidden(NEEDS_RIGHTS(missingRights(actor.permissions, PERMISSIONS)))
  const outcome = await changeWorkspaceSetting(db, actor, 'scimManagesAdmins', on)
  if (outcome === 'gone') return notFound(WORKSPACE_GONE)
  if (outcome === 'unchanged') return { ok: true, message: 'Nothing to change.' }
  return {
    ok: true,
    message: on
      ? 'Saved: the identity provider may now change and deactivate Admins too.'
      : 'Saved: the identity provider may change Agents and Supervisors only.',
  }
}

/** The workspace's tokens, newest first (never the token itself). */
export async function listScimTokens(db: Queryable, tenantId: string) {
  return db
    .select({
      id: scimTokens.id,
      name: scimTokens.name,
      prefix: scimTokens.prefix,
      createdAt: scimTokens.createdAt,
      lastUsedAt: scimTokens.lastUsedAt,
      revokedAt: scimTokens.revokedAt,
    })
    .from(scimTokens)
    .where(eq(scimTokens.tenantId, tenantId))
    .orderBy(desc(scimTokens.createdAt))
}

export const scimManagesAdmins = managesAdmins

/**
 * The provisioning identity behind an `Authorization: Bearer scim_…` header,
 * or null (unknown or revoked). Its permissions are read now: a change of the
 * setting applies to the next request.
 */
export async function authenticateScimToken(
  db: Db,
  authorization: string | null,
  client: { ip?: string | null; userAgent?: string },
): Promise<{ actor: Actor; tokenId: string } | null> {
  const token = bearer(authorization)
  if (!token) return null
  const [row] = await db
    .select({
      id: scimTokens.id,
      tenantId: scimTokens.tenantId,
      managesAdmins: tenants.scimManagesAdmins,
      stale: sql<boolean>`${scimTokens.lastUsedAt} IS NULL OR ${scimTokens.lastUsedAt} < now() - interval '1 minute'`,
    })
    .from(scimTokens)
    .innerJoin(tenants, eq(tenants.id, scimTokens.tenantId))
    .where(and(eq(scimTokens.tokenHash, hash(token)), isNull(scimTokens.revokedAt)))
    .limit(1)
  if (!row) return null
  if (row.stale) {
    await db
      .update(scimTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(scimTokens.tenantId, row.tenantId), eq(scimTokens.id, row.id)))
  }
  return { actor: provisioningActor(row.tenantId, 'SCIM', provisioningPermissions(row.managesAdmins), client), tokenId: row.id }
}
