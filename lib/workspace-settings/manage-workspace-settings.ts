import 'server-only'
import type { Db } from '@/db/client'
import type { Actor } from '@/lib/auth/actor'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { workspaceSettingsInputSchema, type WorkspaceSettingsField } from './workspace-settings-input'
import { changeWorkspaceSetting, WORKSPACE_GONE } from './workspace-setting'

/** Saves Settings › General (`settings.manage`) for the actor's own workspace; audited when something changed. */
export async function updateWorkspaceSettings(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ message: string }, WorkspaceSettingsField>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const parsed = workspaceSettingsInputSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<WorkspaceSettingsField>(parsed.error))
  const outcome = await changeWorkspaceSetting(db, actor, 'timeZone', parsed.data.timeZone)
  if (outcome === 'gone') return notFound(WORKSPACE_GONE)
  return { ok: true, message: outcome === 'unchanged' ? 'Nothing to change.' : `Time zone set to ${parsed.data.timeZone}.` }
}
