'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { currentClient, requireUser } from '@/lib/auth/session'
import { applyBulkAction, bulkInputSchema, type BulkResult } from '@/lib/users/bulk-actions'

/** Bulk Activate / Deactivate / Delete from the users list. Checks the permission itself, whatever the UI showed. */
export async function bulkUsersAction(formData: FormData): Promise<BulkResult> {
  const user = await requireUser()
  const parsed = bulkInputSchema.safeParse({ action: formData.get('action'), ids: formData.getAll('ids') })
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'That request was not valid.' }
  const needed = parsed.data.action === 'delete' ? 'users.delete' : 'users.update'
  if (!user.permissions.has(needed)) return { ok: false, message: 'You don’t have permission to do that.' }
  const client = await currentClient()
  const result = await applyBulkAction(
    await getDb(),
    { userId: user.id, tenantId: user.tenantId, label: user.username, ip: client.ip },
    parsed.data.action,
    parsed.data.ids,
  )
  if (result.ok) revalidatePath('/users')
  return result
}
