import { apiRoute } from '@/lib/api/api-route'
import { apiActor, failureResponse } from '@/lib/api/api-results'
import { revealSipPasswordEndpoint } from '@/lib/api/endpoints'
import { revealSipPassword } from '@/lib/extensions/manage-extensions'
import { appKeyring } from '@/lib/extensions/sip-secret'
import { apiJson } from '@/lib/http/api-response'

/** POST /api/v1/extensions/{id}/sip-password: the SIP password in clear (`extensions.manage`), audited like the portal's Show. */
export const POST = apiRoute<{ id: string }>(revealSipPasswordEndpoint, async ({ db, caller, request, params }) => {
  const result = await revealSipPassword(db, appKeyring(), apiActor(caller, request), params.id)
  return result.ok ? apiJson({ data: { sipPassword: result.password } }) : failureResponse(result)
})
