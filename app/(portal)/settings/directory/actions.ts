'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { currentClient, requirePermission } from '@/lib/auth/session'
import { regenerateDirectorySecret } from '@/lib/directory/directory'

/** Settings › Directory › Generate a new URL: the old one stops working at once. */
export async function regenerateDirectoryAction(): Promise<void> {
  const user = await requirePermission('settings.manage')
  await regenerateDirectorySecret(await getDb(), { userId: user.id, tenantId: user.tenantId, label: user.username, ip: (await currentClient()).ip, permissions: user.permissions })
  revalidatePath('/settings/directory')
  redirect('/settings/directory?regenerated=1')
}
