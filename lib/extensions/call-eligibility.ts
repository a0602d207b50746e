import 'server-only'
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { scopeCondition, type Reach } from '@/lib/auth/scope'
import { signedInSql } from '@/lib/sessions/list-sessions'

export type EligibilityReason = 'ok' | 'no_user' | 'user_deleted' | 'user_inactive' | 'not_signed_in'

export interface Eligibility {
  allowed: boolean
  reason: EligibilityReason
  extension: string
  forceLogin: boolean
}

/**
 * The one rule, as SQL over an extension joined to its live holder: its user
 * must be active and, with force login, have a live dashboard session (not
 * signed out, not expired, not idle past the timeout for its role). The
 * sessions table is the truth, so a sign-out or an expiry changes the answer
 * on the next call. Deleting frees the extension but remembers it on the
 * deleted user (for a restore): asked only when nobody live holds it.
 */
const reasonSql = () => sql<EligibilityReason>`CASE
  WHEN ${users.id} IS NULL THEN CASE WHEN EXISTS (
    SELECT 1 FROM ${users} d
    WHERE d.tenant_id = ${extensions.tenantId} AND d.deleted_extension_id = ${extensions.id} AND d.deleted_at IS NOT NULL)
    THEN 'user_deleted' ELSE 'no_user' END
  WHEN ${users.status} <> 'active' THEN 'user_inactive'
  WHEN ${users.forceLogin} AND NOT ${signedInSql()} THEN 'not_signed_in'
  ELSE 'ok' END`

/** Each listed extension of the workspace (all of them with `null`) and its answer now. */
export async function eligibilityOf(
  db: Queryable,
  tenantId: string,
  extensionIds: readonly string[] | null,
): Promise<(Eligibility & { extensionId: string })[]> {
  if (extensionIds && extensionIds.length === 0) return []
  const rows = await db
    .select({ extensionId: extensions.id, extension: extensions.number, forceLogin: users.forceLogin, reason: reasonSql() })
    .from(extensions)
    .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.extensionId, extensions.id), isNull(users.deletedAt)))
    .where(and(eq(extensions.tenantId, tenantId), extensionIds ? inArray(extensions.id, [...extensionIds]) : undefined))
  return rows.map((r) => ({ ...r, forceLogin: r.forceLogin ?? false, allowed: r.reason === 'ok' }))
}

/**
 * May extension `number` of the workspace take calls now? Null: no such extension
 * here, or (a scoped caller) its holder is not a member of a group they manage.
 */
export async function callEligibility(db: Queryable, reach: Reach, number: string): Promise<Eligibility | null> {
  const tenantId = reach.tenantId
  if (!/^[0-9]{2,10}$/.test(number)) return null
  const [row] = await db
    .select({ extension: extensions.number, forceLogin: users.forceLogin, reason: reasonSql() })
    .from(extensions)
    .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.extensionId, extensions.id), isNull(users.deletedAt)))
    .where(
      and(
        eq(extensions.tenantId, tenantId),
        eq(extensions.number, number),
        reach.scoped ? and(isNotNull(users.id), scopeCondition(reach)) : undefined,
      ),
    )
  if (!row) return null
  return { allowed: row.reason === 'ok', reason: row.reason, extension: row.extension, forceLogin: row.forceLogin ?? false }
}
