import 'server-only'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Queryable } from '@/db/client'
import { apiTokens, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { mayActOnUsers, OUTRANKED_MESSAGE } from '@/lib/auth/privilege'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { singleLineText } from '@/lib/validation/text'
import { generateApiToken } from './token-secret'

const isId = (value: unknown): value is string => z.uuid().safeParse(value).success

/** A token acts as its owner: making or revoking one for someone with more rights would be acting as them. */
const outranked = async (tx: Queryable, actor: Actor, ownerId: string) =>
  actor.userId !== ownerId && !(await mayActOnUsers(tx, actor, [ownerId]))

/** Everyone manages their own tokens; other users' need `users.tokens`. */
export const mayManageTokensOf = (actor: Pick<Actor, 'userId' | 'permissions'>, ownerId: string) =>
  actor.userId === ownerId || actor.permissions.has('users.tokens')

const MAX_TOKEN_DAYS = 3 * 365
export const tokenInputSchema = z.object({
  name: singleLineText().trim().min(1, 'Give the token a name, e.g. the system that will use it.').max(100, 'Use at most 100 characters.'),
  /** yyyy-mm-dd, or empty for no expiry; the token stops working at the start of that day (UTC). */
  expiresOn: z
    .union([z.literal(''), z.iso.date('Enter a date, or leave it empty for no expiry.')])
    .default('')
    .transform((v, ctx) => {
      if (!v) return null
      const date = new Date(`${v}T00:00:00Z`)
      const days = (date.getTime() - Date.now()) / 86_400_000
      if (days <= 0) ctx.addIssue({ code: 'custom', message: 'Choose a date after today.' })
      else if (days > MAX_TOKEN_DAYS) ctx.addIssue({ code: 'custom', message: 'Choose a date within three years.' })
      return date
    }),
})

export type CreateTokenResult = Result<{ token: string; name: string; prefix: string }, 'name' | 'expiresOn'>
const GONE = 'This user no longer exists.'

/** Creates a token for a live user of the actor's workspace. The token is returned once and only its hash is stored. */
/** `input`: `ownerId` (whose token: one's own, or anyone's with `users.tokens`), `name`, `expiresOn`. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: { ownerId: unknown; name?: unknown; expiresOn?: unknown },
): Promise<CreateTokenResult> {
  const ownerId = input.ownerId
  if (!isId(ownerId)) return notFound(GONE)
  if (!mayManageTokensOf(actor, ownerId)) return forbidden()
  const parsed = tokenInputSchema.safeParse(input)
  if (!parsed.success) return invalid(fieldErrorsOf<'name' | 'expiresOn'>(parsed.error))
  const { token, hash, prefix } = generateApiToken()
  return db.transaction(async (tx): Promise<CreateTokenResult> => {
    const [owner] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, ownerId), isNull(users.deletedAt)))
    if (!owner) return notFound(GONE)
    if (await outranked(tx, actor, ownerId)) return notFound(OUTRANKED_MESSAGE)
    const [created] = await tx
      .insert(apiTokens)
      .values({
        tenantId: actor.tenantId,
        userId: ownerId,
        name: parsed.data.name,
        tokenHash: hash,
        prefix,
        createdBy: actor.userId,
        expiresAt: parsed.data.expiresOn,
      })
      .returning({ id: apiTokens.id })
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'token.create',
      entityType: 'user',
      entityId: ownerId,
      after: { tokenId: created!.id, name: parsed.data.name, prefix, expiresAt: parsed.data.expiresOn },
    })
    return { ok: true, token, name: parsed.data.name, prefix }
  })
}

/** Revokes a token (`tokenId`) of a user (`ownerId`) of the actor's workspace (own, or anyone's with `users.tokens`). */
export async function revokeApiToken(
  db: Db,
  actor: Actor,
  input: { ownerId: unknown; tokenId: unknown },
): Promise<Result<{ message: string }>> {
  const ownerId = input.ownerId
  const tokenId = z.uuid().safeParse(input.tokenId)
  if (!tokenId.success || !isId(ownerId)) return notFound('That token doesn’t exist.')
  if (!mayManageTokensOf(actor, ownerId)) return forbidden()
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    if (await outranked(tx, actor, ownerId)) return notFound(OUTRANKED_MESSAGE)
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.tenantId, actor.tenantId),
          eq(apiTokens.userId, ownerId),
          eq(apiTokens.id, tokenId.data),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ name: apiTokens.name, prefix: apiTokens.prefix })
    if (!revoked) return notFound('That token doesn’t exist or is already revoked.')
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'token.revoke',
      entityType: 'user',
      entityId: ownerId,
      before: { tokenId: tokenId.data, ...revoked },
    })
    return { ok: true, message: `Token “${revoked.name}” revoked: it stops working now.` }
  })
}

/** A user's tokens, newest first (revoked ones too, so the list tells what happened). */
export async function listApiTokens(db: Queryable, tenantId: string, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      expired: sql<boolean>`coalesce(${apiTokens.expiresAt} <= now(), false)`,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
}
