'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { runBulkActionOnMatching } from '@/lib/users/manage-users-matching'

/**
 * Bulk Activate / Deactivate / Delete from the users list: on the selected rows,
 * or (`scope=matching`) on every user the view matches. lib checks input and permission.
 */
export const bulkUsersAction = serverAction({ args: ['form'] }, async (actor, form) => {
  const db = await getDb()
  const action = form.get('action')
  const result =
    form.get('scope') === 'matching'
      ? await runBulkActionOnMatching(db, actor, { action, query: form.get('query'), expected: form.get('expected') })
      : await runBulkAction(db, actor, { action, ids: form.getAll('ids') })
  if (result.ok) revalidatePath('/users')
  return result
})
