import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { bulkEditUsersEndpoint } from '@/lib/api/endpoints'
import { apiJson } from '@/lib/http/api-response'
import { bulkEditUsers } from '@/lib/users/manage-users-bulk-edit'

/** POST /api/v1/users/bulk: the users list's bulk Edit (bulkEditUsers), for the listed users or a filter's. */
export const POST = apiRoute(bulkEditUsersEndpoint, async ({ db, actor, body }) => {
  const { ids, filter, set, dryRun } = body
  const result = await bulkEditUsers(db, actor, { ids, filter, set, dryRun })
  if (!result.ok) return failureResponse(result)
  const { ok: _ok, ...data } = result
  return apiJson({ data })
})
