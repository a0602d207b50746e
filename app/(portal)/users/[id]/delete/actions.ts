'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { runBulkAction } from '@/lib/users/manage-users-bulk'

/** `Delete` on a user's confirmation page: the same rules as the list's bulk delete (runBulkAction checks them). */
export const deleteUserAction = serverAction({ args: ['id', 'state'] }, async (actor, id, _previous) => {
  const result = await runBulkAction(await getDb(), actor, { action: 'delete', ids: [id] })
  if (!result.ok) return result
  revalidatePath('/users')
  redirect('/users?deleted=1')
})
