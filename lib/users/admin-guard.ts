import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { users } from '@/db/schema'

export const LAST_ADMIN_MESSAGE = 'The workspace must keep at least one active admin.'

/**
 * Locks the workspace's active admins and returns their ids. Every change that
 * can remove an admin (deactivate, delete, demote) takes this lock first, so
 * two admins removing each other at the same moment can't both win.
 */
export async function lockActiveAdmins(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'Admin'), eq(users.status, 'active'), isNull(users.deletedAt)))
    .for('update')
  return rows.map((r) => r.id)
}

/** True when removing these users as active admins would leave the workspace without one. */
export function leavesNoActiveAdmin(activeAdmins: readonly string[], removed: ReadonlySet<string>): boolean {
  return activeAdmins.every((id) => removed.has(id))
}
