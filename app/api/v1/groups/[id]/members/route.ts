import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { addGroupMemberEndpoint } from '@/lib/api/endpoints'
import { addGroupMember } from '@/lib/groups/manage-groups'
import { listGroups } from '@/lib/groups/list-groups'
import { apiJson, notFoundError } from '@/lib/http/api-response'

/** POST /api/v1/groups/{id}/members: adds a user by username, as the group page does. */
export const POST = apiRoute<{ id: string }>(addGroupMemberEndpoint, async ({ db, caller, actor, params, body }) => {
  const result = await addGroupMember(db, actor, { groupId: params.id, username: body.username })
  if (!result.ok) return failureResponse(result)
  const [group] = await listGroups(db, caller.tenantId, result.id)
  return group ? apiJson({ data: group }) : notFoundError()
})
