import { apiRoute } from '@/lib/api/api-route'
import { parseApiQuery } from '@/lib/api/api-query'
import { listSessionsEndpoint } from '@/lib/api/endpoints'
import { sessionListQuerySchema } from '@/lib/api/schemas'
import { apiJson, notFoundError } from '@/lib/http/api-response'
import { listLiveSessions } from '@/lib/sessions/list-sessions'
import { findUser } from '@/lib/users/find-user'

const PAGE = 100

/** GET /api/v1/sessions?user=&page=: live dashboard sessions of the workspace, or of one of its users. */
export const GET = apiRoute(listSessionsEndpoint, async ({ db, actor, search }) => {
  const bad = parseApiQuery(sessionListQuerySchema, search)
  if (bad) return bad
  const query = sessionListQuerySchema.parse(Object.fromEntries(search))
  if (query.user && !(await findUser(db, actor, query.user))) return notFoundError()
  const page = query.page ?? 1
  const rows = await listLiveSessions(db, actor, query.user ?? null, { limit: PAGE + 1, offset: (page - 1) * PAGE })
  const data = rows
    .slice(0, PAGE)
    .map((s) => ({ ...s, signedInAt: s.signedInAt.toISOString(), lastActiveAt: s.lastActiveAt.toISOString() }))
  return apiJson({ data, page, hasMore: rows.length > PAGE })
})
