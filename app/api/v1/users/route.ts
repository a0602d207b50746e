import { getDb } from '@/db/client'
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token'
import { apiJson, forbidden, unauthorized } from '@/lib/http/api-response'
import { apiUserSummary } from '@/lib/users/api-user'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'

/** GET /api/v1/users: the users list with the same `q`, filters, `sort`, `page` and `size` as the UI's URL. */
export async function GET(request: Request) {
  const db = await getDb()
  const caller = await authenticateApiToken(db, request.headers.get('authorization'))
  if (!caller) return unauthorized()
  if (!caller.permissions.has('users.read')) return forbidden()
  const params = parseUserListParams(new URL(request.url).searchParams)
  const page = await listUsers(db, caller.tenantId, params)
  return apiJson({ data: page.rows.map(apiUserSummary), page: params.page, size: params.size, total: page.total })
}
