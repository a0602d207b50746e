'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { updateWorkspaceSettings } from '@/lib/workspace-settings/manage-workspace-settings'

/** `Save` on Settings › General. */
export const updateWorkspaceSettingsAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, _previous, form) => {
    const result = await updateWorkspaceSettings(await getDb(), actor, { timeZone: form.get('timeZone') })
    if (result.ok) revalidatePath('/settings/general')
    return result
  },
)
