import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { removeGroupMemberEndpoint } from '@/lib/api/endpoints'
import { removeGroupMember } from '@/lib/groups/manage-groups'

/** DELETE /api/v1/groups/{id}/members/{userId}: takes the user out of the group (the user stays). */
export const DELETE = apiRoute<{ id: string; userId: string }>(removeGroupMemberEndpoint, async ({ db, actor, params }) => {
  const result = await removeGroupMember(db, actor, { groupId: params.id, userId: params.userId })
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result)
})
