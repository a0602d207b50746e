import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { ssoConnections, users } from '@/db/schema'

export const LAST_ADMIN_MESSAGE = 'The workspace must keep at least one active admin.'
export const LAST_BREAK_GLASS_MESSAGE =
  'Single sign-on is required: the workspace must keep at least one active break-glass admin, who can sign in with a password if the identity provider is down.'

/**
 * The admins who keep the workspace manageable: its active admins, or, when
 * single sign-on is required, the active break-glass admins among them (the
 * only ones who can still get in when the identity provider can't be reached).
 * `message` says which rule a change would break.
 */
export interface AdminKeepers {
  ids: readonly string[]
  message: string
}

/**
 * Locks the workspace's active admins and returns its keepers. Every change that
 * can remove an admin (deactivate, delete, demote) and every change of the
 * break-glass marks or of `Require single sign-on` takes this lock first, so two
 * changes at the same moment can't both take the last one away.
 */
export async function lockActiveAdmins(tx: Tx, tenantId: string): Promise<AdminKeepers> {
  const rows = await tx
    .select({ id: users.id, breakGlass: users.breakGlass })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'Admin'), eq(users.status, 'active'), isNull(users.deletedAt)))
    .for('update')
  const [sso] = await tx.select({ required: ssoConnections.requireSso }).from(ssoConnections).where(eq(ssoConnections.tenantId, tenantId))
  return sso?.required
    ? { ids: rows.filter((r) => r.breakGlass).map((r) => r.id), message: LAST_BREAK_GLASS_MESSAGE }
    : { ids: rows.map((r) => r.id), message: LAST_ADMIN_MESSAGE }
}

/** True when removing these users as active admins would leave the workspace without a keeper. */
export function leavesNoActiveAdmin(keepers: AdminKeepers, removed: ReadonlySet<string>): boolean {
  return keepers.ids.every((id) => removed.has(id))
}
