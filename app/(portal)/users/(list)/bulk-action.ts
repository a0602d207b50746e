'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { formDataArg } from '@/lib/http/action-args'
import { currentClient, requireUser } from '@/lib/auth/session'
import { runBulkAction, type BulkResult } from '@/lib/users/bulk-actions'

/** Bulk Activate / Deactivate / Delete from the users list; runBulkAction checks input and permission. */
export async function bulkUsersAction(rawForm: FormData): Promise<BulkResult> {
  const user = await requireUser()
  const formData = formDataArg(rawForm)
  const result = await runBulkAction(await getDb(), user, { action: formData.get('action'), ids: formData.getAll('ids') }, (await currentClient()).ip)
  if (result.ok) revalidatePath('/users')
  return result
}
