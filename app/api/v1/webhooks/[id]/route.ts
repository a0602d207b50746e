import { apiRoute } from '@/lib/api/api-route'
import { failureResponse, missingVersion, pick } from '@/lib/api/api-results'
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from '@/lib/api/endpoints'
import { apiJson, notFoundError } from '@/lib/http/api-response'
import { webhookOf } from '@/lib/webhooks/list-webhooks'
import { deleteWebhook, updateWebhook } from '@/lib/webhooks/manage-webhooks'
import { apiWebhook } from '../api-webhook'

type Params = { id: string }

export const GET = apiRoute<Params>(getWebhookEndpoint, async ({ db, caller, params }) => {
  const hook = await webhookOf(db, caller.tenantId, params.id)
  return hook ? apiJson({ data: apiWebhook(hook) }) : notFoundError()
})

/** PATCH: the fields sent over the current ones, from the version read (409 when it moved on). */
export const PATCH = apiRoute<Params>(updateWebhookEndpoint, async ({ db, caller, actor, params, body }) => {
  const missing = missingVersion(body)
  if (missing) return missing
  const current = await webhookOf(db, caller.tenantId, params.id)
  if (!current) return notFoundError()
  const result = await updateWebhook(db, actor, {
    url: current.url,
    events: current.events,
    enabled: current.enabled,
    ...pick(body, ['url', 'events', 'enabled']),
    version: body.version,
    id: params.id,
  })
  if (!result.ok) return failureResponse(result)
  const hook = await webhookOf(db, caller.tenantId, params.id)
  return hook ? apiJson({ data: apiWebhook(hook) }) : notFoundError()
})

export const DELETE = apiRoute<Params>(deleteWebhookEndpoint, async ({ db, actor, params }) => {
  const result = await deleteWebhook(db, actor, { id: params.id })
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result)
})
