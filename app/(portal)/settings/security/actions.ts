'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { updateSecuritySettings } from '@/lib/workspace-settings/manage-security-settings'

/** `Save` on Settings › Security. */
export const updateSecuritySettingsAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, _previous, form) => {
    const result = await updateSecuritySettings(await getDb(), actor, { twoFactorPolicy: form.get('twoFactorPolicy') })
    if (result.ok) revalidatePath('/settings/security')
    return result
  },
)
