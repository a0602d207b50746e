import { getDb } from '@/db/client'
import { listApiTokens } from '@/lib/api-tokens/manage-tokens'
import { ApiTokens } from './api-tokens'
import { createTokenAction, revokeTokenAction } from './token-actions'

/** The API tokens of one user of the caller's workspace (the page has checked who may see them). */
export async function TokenSection({ tenantId, ownerId, timeZone }: { tenantId: string; ownerId: string; timeZone: string }) {
  const tokens = await listApiTokens(await getDb(), tenantId, ownerId)
  return (
    <ApiTokens
      tokens={tokens}
      timeZone={timeZone}
      createAction={createTokenAction.bind(null, ownerId)}
      revokeAction={revokeTokenAction.bind(null, ownerId)}
    />
  )
}
