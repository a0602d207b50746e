import { z } from 'zod'
import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { endSessionEndpoint } from '@/lib/api/endpoints'
import { notFoundError } from '@/lib/http/api-response'
import { sessionOwner } from '@/lib/sessions/list-sessions'
import { signOutSessions } from '@/lib/sessions/manage-sessions'

/** DELETE /api/v1/sessions/{id}: signs that session out (signOutSessions: one's own, or users.update and the privilege rules). */
export const DELETE = apiRoute<{ id: string }>(endSessionEndpoint, async ({ db, caller, actor, params }) => {
  const id = z.uuid().safeParse(params.id)
  const userId = id.success ? await sessionOwner(db, caller.tenantId, id.data) : null
  if (!id.success || !userId) return notFoundError()
  const result = await signOutSessions(db, actor, { userId, sessionId: id.data })
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result)
})
