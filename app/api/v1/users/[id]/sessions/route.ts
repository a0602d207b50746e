import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { endUserSessionsEndpoint } from '@/lib/api/endpoints'
import { signOutSessions } from '@/lib/sessions/manage-sessions'

/** DELETE /api/v1/users/{id}/sessions: signs the user out everywhere (signOutSessions). */
export const DELETE = apiRoute<{ id: string }>(endUserSessionsEndpoint, async ({ db, actor, params }) => {
  const result = await signOutSessions(db, actor, { userId: params.id })
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result)
})
