import 'server-only'
import { eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { tenants } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'

type Setting = 'timeZone' | 'twoFactorPolicy' | 'scimManagesAdmins'
type Tenant = typeof tenants.$inferSelect

/**
 * Sets one of the workspace's own settings (a column of its row) under a row
 * lock, audited as `workspace.update` with the value before and after when it
 * changed. The callers (Settings › General, Security, Provisioning) check the
 * permission and the value first, and word the answer.
 */
export async function changeWorkspaceSetting<K extends Setting>(
  db: Db,
  actor: Actor,
  key: K,
  value: Tenant[K],
): Promise<'changed' | 'unchanged' | 'gone'> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ value: tenants[key] }).from(tenants).where(eq(tenants.id, actor.tenantId)).for('update')
    if (!before) return 'gone'
    if (before.value === value) return 'unchanged'
    await tx
      .update(tenants)
      .set({ [key]: value, updatedAt: sql`now()` })
      .where(eq(tenants.id, actor.tenantId))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'workspace.update',
      entityType: 'workspace',
      entityId: actor.tenantId,
      before: { [key]: before.value },
      after: { [key]: value },
    })
    return 'changed'
  })
}

export const WORKSPACE_GONE = 'This workspace no longer exists.'
