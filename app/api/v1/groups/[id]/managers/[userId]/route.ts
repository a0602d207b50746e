import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { removeGroupManagerEndpoint } from '@/lib/api/endpoints'
import { removeGroupManager } from '@/lib/groups/manage-group-managers'

/** DELETE /api/v1/groups/{id}/managers/{userId}: the user no longer manages the group (they stay, as do its members). */
export const DELETE = apiRoute<{ id: string; userId: string }>(removeGroupManagerEndpoint, async ({ db, actor, params }) => {
  const result = await removeGroupManager(db, actor, { groupId: params.id, userId: params.userId })
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result)
})
