'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { regenerateDirectorySecret } from '@/lib/directory/directory'

/** Settings › Directory › Generate a new URL: the old one stops working at once. */
export const regenerateDirectoryAction = serverAction({ permission: 'settings.manage', args: [] }, async (actor) => {
  await regenerateDirectorySecret(await getDb(), actor)
  revalidatePath('/settings/directory')
  await setFlash('directory-regenerated')
  redirect('/settings/directory')
})
