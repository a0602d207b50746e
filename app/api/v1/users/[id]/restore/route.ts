import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { restoreUserEndpoint } from '@/lib/api/endpoints'
import { apiJson, notFoundError } from '@/lib/http/api-response'
import { apiUserDetail } from '@/lib/users/api-user'
import { restoreUser } from '@/lib/users/manage-deleted-users'

/** POST /api/v1/users/{id}/restore: Settings › Deleted users › Restore, with its rules. */
export const POST = apiRoute<{ id: string }>(restoreUserEndpoint, async ({ db, actor, params }) => {
  const result = await restoreUser(db, actor, { id: params.id })
  if (!result.ok) return failureResponse(result)
  const user = await apiUserDetail(db, actor, params.id)
  return user ? apiJson({ data: user, message: result.message }) : notFoundError()
})
