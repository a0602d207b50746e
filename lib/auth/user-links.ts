import 'server-only'
import crypto from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { tenants, userLinks, users } from '@/db/schema'
import { publicUrl } from '@/lib/config/public-url'

/**
 * Single-use links mailed to a user (invitation, password reset). The token
 * is 256 random bits in the URL; only its SHA-256 is stored, so a database
 * dump holds no usable link. A new link of a purpose ends the user's earlier
 * ones of that purpose ("Resend invitation" ends the old one).
 */
export type LinkPurpose = 'invitation' | 'password_reset'

export const LINK_TTL_SECONDS: Record<LinkPurpose, number> = {
  invitation: Number(process.env.INVITATION_TTL_HOURS || 72) * 3600,
  password_reset: 3600,
}

const LINK_PATH: Record<LinkPurpose, string> = { invitation: '/invitation', password_reset: '/reset-password' }

export const hashLinkToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

export function linkUrl(purpose: LinkPurpose, token: string): string {
  return `${publicUrl()}${LINK_PATH[purpose]}/${token}`
}

/** A well-formed token (43 base64url characters): anything else is "not a link of ours", without a query. */
export const isLinkToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token)

/** Issues a new link (ending the user's earlier ones of this purpose); the caller mails `url` in the same transaction. */
export async function issueUserLink(
  db: Queryable,
  link: { tenantId: string; userId: string; purpose: LinkPurpose },
): Promise<{ id: string; url: string; expiresAt: Date }> {
  await endUserLinks(db, link.tenantId, link.userId, link.purpose)
  const token = crypto.randomBytes(32).toString('base64url')
  const [row] = await db
    .insert(userLinks)
    .values({
      tenantId: link.tenantId,
      userId: link.userId,
      purpose: link.purpose,
      tokenHash: hashLinkToken(token),
      expiresAt: sql`now() + make_interval(secs => ${LINK_TTL_SECONDS[link.purpose]})`,
    })
    .returning({ id: userLinks.id, expiresAt: userLinks.expiresAt })
  return { id: row!.id, url: linkUrl(link.purpose, token), expiresAt: row!.expiresAt }
}

/** Ends the user's open links (of one purpose, or all): after a new one, a password set, a deactivation. */
export async function endUserLinks(db: Queryable, tenantId: string, userId: string, purpose?: LinkPurpose): Promise<void> {
  await db
    .update(userLinks)
    .set({ endedAt: sql`now()` })
    .where(
      and(
        eq(userLinks.tenantId, tenantId),
        eq(userLinks.userId, userId),
        purpose ? eq(userLinks.purpose, purpose) : undefined,
        isNull(userLinks.usedAt),
        isNull(userLinks.endedAt),
      ),
    )
}

export type LinkState = 'valid' | 'used' | 'expired' | 'ended' | 'unknown'

export interface LinkHolder {
  linkId: string
  tenantId: string
  userId: string
  workspaceSlug: string
  workspaceName: string
  fullName: string
  username: string
  email: string
  expiresAt: Date
}

/** What a link is now, and whose (only when it may still be used). Deleted or inactive users' links are dead. */
export async function findUserLink(
  db: Queryable,
  purpose: LinkPurpose,
  token: string,
): Promise<{ state: Exclude<LinkState, 'valid'> } | { state: 'valid'; holder: LinkHolder }> {
  if (!isLinkToken(token)) return { state: 'unknown' }
  const [row] = await db
    .select({
      linkId: userLinks.id,
      tenantId: userLinks.tenantId,
      userId: userLinks.userId,
      workspaceSlug: tenants.slug,
      workspaceName: tenants.name,
      fullName: users.fullName,
      username: users.username,
      email: users.email,
      expiresAt: userLinks.expiresAt,
      usedAt: userLinks.usedAt,
      endedAt: userLinks.endedAt,
      expired: sql<boolean>`${userLinks.expiresAt} <= now()`,
      live: sql<boolean>`${users.deletedAt} IS NULL AND ${users.status} = 'active'`,
    })
    .from(userLinks)
    .innerJoin(users, and(eq(users.tenantId, userLinks.tenantId), eq(users.id, userLinks.userId)))
    .innerJoin(tenants, eq(tenants.id, userLinks.tenantId))
    .where(and(eq(userLinks.tokenHash, hashLinkToken(token)), eq(userLinks.purpose, purpose)))
    .limit(1)
  if (!row) return { state: 'unknown' }
  if (row.usedAt) return { state: 'used' }
  if (row.endedAt || !row.live) return { state: 'ended' }
  if (row.expired) return { state: 'expired' }
  const { usedAt: _u, endedAt: _e, expired: _x, live: _l, ...holder } = row
  return { state: 'valid', holder }
}

/** Marks the link used, if it still may be: exactly one of two racing submits wins. */
export async function useUserLink(db: Queryable, tenantId: string, linkId: string): Promise<boolean> {
  const used = await db
    .update(userLinks)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(userLinks.tenantId, tenantId),
        eq(userLinks.id, linkId),
        isNull(userLinks.usedAt),
        isNull(userLinks.endedAt),
        sql`${userLinks.expiresAt} > now()`,
      ),
    )
    .returning({ id: userLinks.id })
  return used.length > 0
}
