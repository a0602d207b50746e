import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { addGroupManagerEndpoint } from '@/lib/api/endpoints'
import { addGroupManager } from '@/lib/groups/manage-group-managers'

/** POST /api/v1/groups/{id}/managers: makes a Supervisor or Admin (by username) a manager of the group, as its page does. */
export const POST = apiRoute<{ id: string }>(addGroupManagerEndpoint, async ({ db, actor, params, body }) => {
  const result = await addGroupManager(db, actor, { groupId: params.id, username: body.username })
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result)
})
