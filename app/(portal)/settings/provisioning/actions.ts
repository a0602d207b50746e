'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { generateScimToken, revokeScimToken, updateScimSettings } from '@/lib/scim/scim-tokens'

/** `Generate SCIM token`: the token is in the answer, shown once. */
export const generateScimTokenAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, _previous, form) => {
    const result = await generateScimToken(await getDb(), actor, { name: form.get('name') })
    if (result.ok) revalidatePath('/settings/provisioning')
    return result
  },
)

/** `Revoke` on a SCIM token. */
export const revokeScimTokenAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, _previous, form) => {
    const result = await revokeScimToken(await getDb(), actor, { id: form.get('tokenId') })
    if (result.ok) revalidatePath('/settings/provisioning')
    return result
  },
)

/** `Save` of `Let the identity provider change admins`. */
export const updateScimSettingsAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, _previous, form) => {
    const result = await updateScimSettings(await getDb(), actor, { managesAdmins: form.get('managesAdmins') })
    if (result.ok) revalidatePath('/settings/provisioning')
    return result
  },
)
