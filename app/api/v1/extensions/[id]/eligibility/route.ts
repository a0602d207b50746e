import { apiRoute } from '@/lib/api/api-route'
import { eligibilityEndpoint } from '@/lib/api/endpoints'
import { callEligibility } from '@/lib/extensions/call-eligibility'
import { apiJson, notFoundError } from '@/lib/http/api-response'

/**
 * GET /api/v1/extensions/{number}/eligibility: may the extension take calls now?
 * (The folder is [id] because Next.js wants one name per level; here it is the number.)
 */
export const GET = apiRoute<{ id: string }>(eligibilityEndpoint, async ({ db, actor, params }) => {
  const answer = await callEligibility(db, actor, params.id)
  return answer ? apiJson(answer) : notFoundError()
})
