import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { createWebhookEndpoint, listWebhooksEndpoint } from '@/lib/api/endpoints'
import { apiJson, notFoundError } from '@/lib/http/api-response'
import { listWebhooks, webhookOf } from '@/lib/webhooks/list-webhooks'
import { createWebhook } from '@/lib/webhooks/manage-webhooks'
import { apiWebhook } from './api-webhook'

/** GET /api/v1/webhooks: Settings › Webhooks' list. */
export const GET = apiRoute(listWebhooksEndpoint, async ({ db, caller }) =>
  apiJson({ data: (await listWebhooks(db, caller.tenantId)).map(apiWebhook) }),
)

/** POST /api/v1/webhooks: New webhook (createWebhook); the secret once, in the answer. */
export const POST = apiRoute(createWebhookEndpoint, async ({ db, caller, actor, body }) => {
  const result = await createWebhook(db, actor, body)
  if (!result.ok) return failureResponse(result)
  const hook = await webhookOf(db, caller.tenantId, result.id)
  return hook ? apiJson({ data: apiWebhook(hook), secret: result.secret }, 201) : notFoundError()
})
