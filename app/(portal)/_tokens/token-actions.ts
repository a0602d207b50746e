'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-tokens'
import { serverAction } from '@/lib/auth/server-action'

function refresh(ownerId: string) {
  revalidatePath('/account')
  revalidatePath(`/users/${ownerId}/edit`)
}

/** `Generate API token` (own tokens, or anyone's with users.tokens: createApiToken decides). */
export const createTokenAction = serverAction({ args: ['id', 'state', 'form'] }, async (actor, ownerId, _previous, form) => {
  const result = await createApiToken(await getDb(), actor, {
    ownerId,
    name: form.get('name') ?? '',
    expiresOn: form.get('expiresOn') ?? '',
  })
  if (result.ok) refresh(ownerId)
  return result
})

/** `Revoke` on a token row. */
export const revokeTokenAction = serverAction({ args: ['id', 'state', 'form'] }, async (actor, ownerId, _previous, form) => {
  const result = await revokeApiToken(await getDb(), actor, { ownerId, tokenId: form.get('tokenId') })
  if (result.ok) refresh(ownerId)
  return result
})
