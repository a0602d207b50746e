import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { revealSipPasswordEndpoint } from '@/lib/api/endpoints'
import { revealSipPassword } from '@/lib/extensions/manage-extensions'
import { apiJson } from '@/lib/http/api-response'

/** POST /api/v1/extensions/{id}/sip-password: the SIP password in clear (`extensions.manage`), audited like the portal's Show. */
export const POST = apiRoute<{ id: string }>(revealSipPasswordEndpoint, async ({ db, actor, params }) => {
  const result = await revealSipPassword(db, actor, { id: params.id })
  return result.ok ? apiJson({ data: { sipPassword: result.password } }) : failureResponse(result)
})
