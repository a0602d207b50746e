'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { restoreUser } from '@/lib/users/manage-deleted-users'

/** `Restore` on Settings › Deleted users; restoreUser checks the permission and the workspace again. */
export const restoreUserAction = serverAction({ permission: 'users.delete', args: ['state', 'form'] }, async (actor, _previous, form) => {
  const result = await restoreUser(await getDb(), actor, { id: form.get('userId') })
  if (result.ok) {
    revalidatePath('/settings/deleted-users')
    revalidatePath('/users')
  }
  return result
})
