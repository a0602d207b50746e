import { apiRoute } from '@/lib/api/api-route'
import { parseApiQuery } from '@/lib/api/api-query'
import { failureResponse } from '@/lib/api/api-results'
import { createExtensionEndpoint, listExtensionsEndpoint } from '@/lib/api/endpoints'
import { extensionListQuerySchema } from '@/lib/api/schemas'
import { apiExtensionDetail, apiExtensionSummary } from '@/lib/extensions/api-extension'
import { listExtensions } from '@/lib/extensions/list-extensions'
import { createExtension } from '@/lib/extensions/manage-extensions'
import { apiJson, notFoundError } from '@/lib/http/api-response'

/** GET /api/v1/extensions: Settings › Extensions' list (number order, same search). */
export const GET = apiRoute(listExtensionsEndpoint, async ({ db, caller, search }) => {
  const bad = parseApiQuery(extensionListQuerySchema, search)
  if (bad) return bad
  const page = Number(search.get('page') ?? 1)
  const { rows, hasMore } = await listExtensions(db, caller.tenantId, { q: search.get('q') ?? '', page })
  return apiJson({ data: rows.map(apiExtensionSummary), page, hasMore })
})

/** POST /api/v1/extensions: the New extension form's rules (createExtension); the SIP password is generated. */
export const POST = apiRoute(createExtensionEndpoint, async ({ db, caller, actor, body }) => {
  const result = await createExtension(db, actor, body)
  if (!result.ok) return failureResponse(result)
  const extension = await apiExtensionDetail(db, caller.tenantId, result.id)
  return extension ? apiJson({ data: extension }, 201) : notFoundError()
})
