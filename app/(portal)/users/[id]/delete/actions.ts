'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { listViewOf, userListHref } from '@/lib/users/list-params'
import { runBulkAction } from '@/lib/users/manage-users-bulk'

/**
 * `Delete` on a user's confirmation page: the same rules as the list's bulk delete (runBulkAction checks them).
 * Back to the list view it was asked from (`back`: its query, rebuilt from what parses, so it can only lead to /users).
 */
export const deleteUserAction = serverAction({ args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await runBulkAction(await getDb(), actor, { action: 'delete', ids: [id] })
  if (!result.ok) return result
  revalidatePath('/users')
  await setFlash('user-deleted')
  redirect(userListHref(listViewOf(form.get('back'))))
})
