import { apiRoute } from '@/lib/api/api-route'
import { failureResponse, missingVersion, pick } from '@/lib/api/api-results'
import { deleteExtensionEndpoint, getExtensionEndpoint, updateExtensionEndpoint } from '@/lib/api/endpoints'
import { apiExtensionDetail } from '@/lib/extensions/api-extension'
import { extensionInputSchema } from '@/lib/extensions/extension-input'
import { deleteExtension, updateExtension } from '@/lib/extensions/manage-extensions'
import { apiJson, notFoundError } from '@/lib/http/api-response'

type Params = { id: string }

/** GET /api/v1/extensions/{id}: never the SIP password (see sip-password). */
export const GET = apiRoute<Params>(getExtensionEndpoint, async ({ db, caller, params }) => {
  const extension = await apiExtensionDetail(db, caller.tenantId, params.id)
  return extension ? apiJson({ data: extension }) : notFoundError()
})

/** PATCH /api/v1/extensions/{id}: the fields sent over the current ones, through updateExtension (version checked). */
export const PATCH = apiRoute<Params>(updateExtensionEndpoint, async ({ db, caller, actor, params, body }) => {
  const current = await apiExtensionDetail(db, caller.tenantId, params.id)
  if (!current) return notFoundError()
  const noVersion = missingVersion(body)
  if (noVersion) return noVersion
  const values = {
    number: current.number,
    type: current.type,
    voicemailEnabled: current.voicemailEnabled,
    voicemailEmail: current.voicemailEmail ?? '',
    voicemailPin: '',
  }
  const changes = pick(body, Object.keys(extensionInputSchema.shape))
  const result = await updateExtension(db, actor, {
    ...values,
    ...changes,
    id: params.id,
    version: body.version,
    sipPassword: body.sipPassword ?? '',
  })
  if (!result.ok) return failureResponse(result)
  const extension = await apiExtensionDetail(db, caller.tenantId, params.id)
  return extension ? apiJson({ data: extension }) : notFoundError()
})

/** DELETE /api/v1/extensions/{id}: its holder, if any, is left without an extension (and force login). */
export const DELETE = apiRoute<Params>(deleteExtensionEndpoint, async ({ db, actor, params }) => {
  const result = await deleteExtension(db, actor, { id: params.id })
  return result.ok ? apiJson({ message: result.message }) : failureResponse(result)
})
