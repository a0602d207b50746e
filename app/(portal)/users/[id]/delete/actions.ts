'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { idArg } from '@/lib/http/action-args'
import { currentClient, requireUser } from '@/lib/auth/session'
import { runBulkAction } from '@/lib/users/bulk-actions'

/** `Delete` on a user's confirmation page: the same rules as the list's bulk delete (runBulkAction checks them). */
export async function deleteUserAction(userId: string, _previous: string | null): Promise<string | null> {
  const user = await requireUser()
  const result = await runBulkAction(await getDb(), user, { action: 'delete', ids: [idArg(userId)] }, (await currentClient()).ip)
  if (!result.ok) return result.message
  revalidatePath('/users')
  redirect('/users?deleted=1')
}
