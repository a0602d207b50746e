import { z } from 'zod'
import { getDb } from '@/db/client'
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token'
import { apiJson, forbidden, notFoundError, unauthorized } from '@/lib/http/api-response'
import { apiUserDetail } from '@/lib/users/api-user'

/** GET /api/v1/users/{id}: one user of the token's workspace; anything else is 404. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const db = await getDb()
  const caller = await authenticateApiToken(db, request.headers.get('authorization'))
  if (!caller) return unauthorized()
  if (!caller.permissions.has('users.read')) return forbidden()
  const id = z.uuid().safeParse((await context.params).id)
  const user = id.success ? await apiUserDetail(db, caller.tenantId, id.data) : null
  return user ? apiJson({ data: user }) : notFoundError()
}
