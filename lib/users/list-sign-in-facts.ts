import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { users } from '@/db/schema'
import { twoFactorStatus } from '@/lib/auth/two-factor'
import type { PasswordState } from './password-state'

/** The list's and the page's word for a user without a password: `Invited` until the link's end, then `Invitation expired`. */
export const passwordStateSql = sql<PasswordState>`CASE
  WHEN ${users.passwordHash} IS NOT NULL THEN 'set'
  WHEN ${users.invitationExpiresAt} > now() THEN 'invited'
  WHEN ${users.invitationExpiresAt} IS NOT NULL THEN 'invitation-expired'
  ELSE 'none' END`

export async function signInFactsOf(db: Queryable, tenantId: string, userId: string) {
  const [row] = await db
    .select({ password: passwordStateSql, invitationExpiresAt: users.invitationExpiresAt, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), isNull(users.deletedAt)))
  if (!row) return null
  return { ...row, twoFactor: await twoFactorStatus(db, tenantId, userId) }
}
