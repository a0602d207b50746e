import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { signedInSql } from '@/lib/sessions/list-sessions'

export type EligibilityReason = 'ok' | 'no_user' | 'user_deleted' | 'user_inactive' | 'not_signed_in'

export interface Eligibility {
  allowed: boolean
  reason: EligibilityReason
  extension: string
  forceLogin: boolean
}

/**
 * May extension `number` of the workspace take calls now? Its live user must
 * be active and, with force login, have a live dashboard session (not signed
 * out, not expired, not idle past the timeout for its role): the sessions table is the truth, so a sign-out or an
 * expiry changes the answer on the next call. Null: no such extension here.
 */
export async function callEligibility(db: Queryable, tenantId: string, number: string): Promise<Eligibility | null> {
  if (!/^[0-9]{2,10}$/.test(number)) return null
  const [row] = await db
    .select({
      number: extensions.number,
      userId: users.id,
      status: users.status,
      forceLogin: users.forceLogin,
      signedIn: signedInSql(),
      // Deleting frees the extension but remembers it on the deleted user (for a restore).
      // Asked only when nobody live holds it (CASE is evaluated lazily).
      heldByDeleted: sql<boolean>`CASE WHEN ${users.id} IS NULL THEN EXISTS (
        SELECT 1 FROM ${users} d
        WHERE d.tenant_id = ${extensions.tenantId} AND d.deleted_extension_id = ${extensions.id} AND d.deleted_at IS NOT NULL) ELSE false END`,
    })
    .from(extensions)
    .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.extensionId, extensions.id), isNull(users.deletedAt)))
    .where(and(eq(extensions.tenantId, tenantId), eq(extensions.number, number)))
  if (!row) return null
  const answer = (reason: EligibilityReason): Eligibility => ({
    allowed: reason === 'ok',
    reason,
    extension: row.number,
    forceLogin: row.forceLogin ?? false,
  })
  if (!row.userId) return answer(row.heldByDeleted ? 'user_deleted' : 'no_user')
  if (row.status !== 'active') return answer('user_inactive')
  if (row.forceLogin && !row.signedIn) return answer('not_signed_in')
  return answer('ok')
}
