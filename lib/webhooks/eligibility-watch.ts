import 'server-only'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { dashboardSessions, eligibilityChecks, extensionEligibility, users } from '@/db/schema'
import { liveSessionSql } from '@/lib/auth/session-idle'
import { eligibilityOf } from '@/lib/extensions/call-eligibility'
import { emitEvents } from './emit-events'

/**
 * eligibility.changed: the PBX's answer for an extension (the one rule,
 * lib/extensions/call-eligibility.ts) compared with the last one told. Marks
 * come from triggers in the changing transaction (a sign-in or out, a user's
 * status, deletion, force login or extension: migration 0022); any instance
 * works them off, each batch claimed with FOR UPDATE SKIP LOCKED and compared
 * under the stored answer's row lock, so a flip is one event however many
 * instances run. Expiry and the idle timeout change answers without a write:
 * `sweepEligibility` marks the extensions told "allowed" whose holder with
 * force login has no live session any more.
 */

const BATCH = 500

/** Works off the marked extensions; returns how many events it wrote. */
export async function reconcileEligibility(db: Db, scope: { tenantId?: string } = {}): Promise<number> {
  let events = 0
  for (;;) {
    const { claimed, emitted } = await db.transaction(async (tx) => {
      const marks = (await tx.execute(sql`
        DELETE FROM ${eligibilityChecks} WHERE (tenant_id, extension_id) IN (
          SELECT tenant_id, extension_id FROM ${eligibilityChecks}
           ${scope.tenantId ? sql`WHERE tenant_id = ${scope.tenantId}::uuid` : sql``}
           ORDER BY marked_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING tenant_id, extension_id`)) as unknown as { rows: { tenant_id: string; extension_id: string }[] }
      const byTenant = new Map<string, string[]>()
      for (const m of marks.rows) byTenant.set(m.tenant_id, [...(byTenant.get(m.tenant_id) ?? []), m.extension_id])
      let emitted = 0
      for (const [tenantId, ids] of byTenant) {
        const told = await tx
          .select({
            extensionId: extensionEligibility.extensionId,
            allowed: extensionEligibility.allowed,
            reason: extensionEligibility.reason,
          })
          .from(extensionEligibility)
          .where(and(eq(extensionEligibility.tenantId, tenantId), inArray(extensionEligibility.extensionId, ids)))
          .for('update')
        const before = new Map(told.map((t) => [t.extensionId, t]))
        const now = await eligibilityOf(tx, tenantId, ids)
        const flips = []
        for (const answer of now) {
          // An extension nobody was told about (made since the webhook) was "no user": not allowed.
          const previous = before.get(answer.extensionId) ?? { allowed: false, reason: 'no_user' }
          if (previous.allowed !== answer.allowed) {
            flips.push({
              type: 'eligibility.changed',
              data: {
                extensionId: answer.extensionId,
                extension: answer.extension,
                allowed: answer.allowed,
                reason: answer.reason,
                forceLogin: answer.forceLogin,
              },
            })
          }
          if (previous.allowed !== answer.allowed || previous.reason !== answer.reason || !before.has(answer.extensionId)) {
            await tx
              .insert(extensionEligibility)
              .values({ tenantId, extensionId: answer.extensionId, allowed: answer.allowed, reason: answer.reason })
              .onConflictDoUpdate({
                target: [extensionEligibility.tenantId, extensionEligibility.extensionId],
                set: { allowed: answer.allowed, reason: answer.reason, checkedAt: sql`now()` },
              })
          }
        }
        emitted += await emitEvents(tx, tenantId, flips)
      }
      return { claimed: marks.rows.length, emitted }
    })
    events += emitted
    if (claimed < BATCH) return events
  }
}

/**
 * Marks what expiry and the idle timeout changed without a write: extensions
 * told "allowed" whose live holder has force login and no live session now.
 * Safe on every instance at once (a mark is a mark; reconciling is claimed).
 */
export async function sweepEligibility(db: Db, scope: { tenantId?: string } = {}): Promise<number> {
  const marked = await db.execute(sql`
    INSERT INTO ${eligibilityChecks} (tenant_id, extension_id)
    SELECT e.tenant_id, e.extension_id FROM ${extensionEligibility} e
      JOIN ${users} ON ${users.tenantId} = e.tenant_id AND ${users.extensionId} = e.extension_id AND ${users.deletedAt} IS NULL
     WHERE e.allowed AND ${users.forceLogin} ${scope.tenantId ? sql`AND e.tenant_id = ${scope.tenantId}::uuid` : sql``}
       AND NOT EXISTS (SELECT 1 FROM ${dashboardSessions}
                        WHERE ${dashboardSessions.tenantId} = ${users.tenantId} AND ${dashboardSessions.userId} = ${users.id}
                          AND ${liveSessionSql(users.role)})
    ON CONFLICT DO NOTHING`)
  // node-postgres says rowCount, PGlite affectedRows.
  const counts = marked as unknown as { rowCount?: number | null; affectedRows?: number }
  return counts.rowCount ?? counts.affectedRows ?? 0
}
