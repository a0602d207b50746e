import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { createUserEndpoint, listUsersEndpoint } from '@/lib/api/endpoints'
import { parseApiQuery } from '@/lib/api/api-query'
import { userListQuerySchema } from '@/lib/api/schemas'
import { apiJson, notFoundError } from '@/lib/http/api-response'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { apiUserDetail, apiUserSummary } from '@/lib/users/api-user'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { createUser } from '@/lib/users/manage-users'

/** GET /api/v1/users: the users list with the same `q`, filters, `sort`, `page` and `size` as the UI's URL. */
export const GET = apiRoute(listUsersEndpoint, async ({ db, actor, search }) => {
  const bad = parseApiQuery(userListQuerySchema, search)
  if (bad) return bad
  const params = parseUserListParams(search)
  const page = await listUsers(db, actor, params)
  return apiJson({ data: page.rows.map(apiUserSummary), page: params.page, size: params.size, total: page.total })
})

/** POST /api/v1/users: the same rules as the New user form (createUser). */
export const POST = apiRoute(createUserEndpoint, async ({ db, actor, body }) => {
  const result = await createUser(db, actor, body)
  if (!result.ok) return failureResponse(result)
  // The invitation goes out now, as from the form: an instance that serves only the API would otherwise never send it.
  if (result.invitation) kickMailWorker()
  const user = await apiUserDetail(db, actor, result.id)
  return user ? apiJson({ data: user }, 201) : notFoundError()
})
