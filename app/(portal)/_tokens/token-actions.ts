'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { formDataArg, idArg } from '@/lib/http/action-args'
import { createApiToken, revokeApiToken, type CreateTokenResult, type TokenActor } from '@/lib/api-tokens/manage-tokens'
import { currentClient, requireUser } from '@/lib/auth/session'

async function actor(): Promise<TokenActor> {
  const user = await requireUser()
  return { userId: user.id, tenantId: user.tenantId, permissions: user.permissions, label: user.username, ip: (await currentClient()).ip }
}

function refresh(ownerId: string) {
  revalidatePath('/account')
  revalidatePath(`/users/${ownerId}/edit`)
}

/** `Generate API token` (own tokens, or anyone's with users.tokens: createApiToken decides). */
export async function createTokenAction(ownerId: string, _previous: CreateTokenResult | null, form: FormData): Promise<CreateTokenResult> {
  const result = await createApiToken(await getDb(), await actor(), idArg(ownerId), { name: formDataArg(form).get('name') ?? '', expiresOn: form.get('expiresOn') ?? '' })
  if (result.ok) refresh(ownerId)
  return result
}

/** `Revoke` on a token row. */
export async function revokeTokenAction(ownerId: string, _previous: { ok: boolean; message: string } | null, form: FormData) {
  const result = await revokeApiToken(await getDb(), await actor(), idArg(ownerId), formDataArg(form).get('tokenId'))
  if (result.ok) refresh(ownerId)
  return result
}
