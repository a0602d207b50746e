import 'server-only'
import { eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { tenants } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { workspaceSettingsInputSchema, type WorkspaceSettingsField } from './workspace-settings-input'

/** Saves Settings › General (`settings.manage`) for the actor's own workspace; audited when something changed. */
export async function updateWorkspaceSettings(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ message: string }, WorkspaceSettingsField>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const parsed = workspaceSettingsInputSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<WorkspaceSettingsField>(parsed.error))
  return db.transaction(async (tx): Promise<Result<{ message: string }, WorkspaceSettingsField>> => {
    const [before] = await tx.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, actor.tenantId)).for('update')
    if (!before) return notFound('This workspace no longer exists.')
    if (before.timeZone === parsed.data.timeZone) return { ok: true, message: 'Nothing to change.' }
    await tx
      .update(tenants)
      .set({ timeZone: parsed.data.timeZone, updatedAt: sql`now()` })
      .where(eq(tenants.id, actor.tenantId))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'workspace.update',
      entityType: 'workspace',
      entityId: actor.tenantId,
      before: { timeZone: before.timeZone },
      after: { timeZone: parsed.data.timeZone },
    })
    return { ok: true, message: `Time zone set to ${parsed.data.timeZone}.` }
  })
}
