'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { formDataArg } from '@/lib/http/action-args'
import { currentClient, requirePermission } from '@/lib/auth/session'
import { restoreUser, type RestoreResult } from '@/lib/users/restore-user'

/** `Restore` on Settings › Deleted users; restoreUser checks the permission and the workspace again. */
export async function restoreUserAction(_previous: RestoreResult | null, rawForm: FormData): Promise<RestoreResult> {
  const user = await requirePermission('users.delete')
  const form = formDataArg(rawForm)
  const result = await restoreUser(
    await getDb(),
    { userId: user.id, tenantId: user.tenantId, permissions: user.permissions, label: user.username, ip: (await currentClient()).ip },
    form.get('userId'),
  )
  if (result.ok) {
    revalidatePath('/settings/deleted-users')
    revalidatePath('/users')
  }
  return result
}
