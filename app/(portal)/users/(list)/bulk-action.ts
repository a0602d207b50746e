'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { runBulkAction } from '@/lib/users/manage-users-bulk'

/** Bulk Activate / Deactivate / Delete from the users list; runBulkAction checks input and permission. */
export const bulkUsersAction = serverAction({ args: ['form'] }, async (actor, form) => {
  const result = await runBulkAction(await getDb(), actor, { action: form.get('action'), ids: form.getAll('ids') })
  if (result.ok) revalidatePath('/users')
  return result
})
