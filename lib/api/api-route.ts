import 'server-only'
import { getDb, type Db } from '@/db/client'
import { authenticateApiToken, type TokenUser } from '@/lib/api-tokens/authenticate-token'
import { apiError, badRequest, forbidden, rateLimited, unauthorized } from '@/lib/http/api-response'
import type { Endpoint } from './endpoint'
import { loggableError } from '@/lib/logging/loggable-error'
import type { Actor } from '@/lib/auth/actor'
import { apiActor } from './api-results'
import { takeRateLimit } from './rate-limit'

export interface ApiCall<P> {
  db: Db
  caller: TokenUser
  /** The token's user as the lib functions' actor (audit label "username (API)"). */
  actor: Actor
  request: Request
  params: P
  /** The parsed JSON body (an object) when the endpoint has one; its fields are validated by the lib function it goes to. */
  body: Record<string, unknown>
  search: URLSearchParams
}

async function readJsonObject(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json()
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * A route handler for `spec`: authenticates the bearer token (401), counts it
 * against the token's rate limit (429), checks the endpoint's permission
 * (403) and reads the JSON body (400) before `handle` runs; every query in
 * `handle` is scoped by `caller.tenantId`. An unexpected error is logged and
 * answered 500 in the API's error shape.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  spec: Endpoint,
  handle: (call: ApiCall<P>) => Promise<Response>,
) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb()
      const caller = await authenticateApiToken(db, request.headers.get('authorization'))
      if (!caller) return unauthorized()
      const limit = await takeRateLimit(db, caller)
      if (!limit.ok) return rateLimited(limit.retryAfter)
      if (spec.permission && !caller.permissions.has(spec.permission)) return forbidden()
      let body: Record<string, unknown> = {}
      if (spec.body) {
        const parsed = await readJsonObject(request)
        if (!parsed) return badRequest('Send a JSON object as the body, with Content-Type: application/json.')
        body = parsed
      }
      const params = ((await context?.params) ?? {}) as P
      return await handle({
        db,
        caller,
        actor: apiActor(caller, request),
        request,
        params,
        body,
        search: new URL(request.url).searchParams,
      })
    } catch (error) {
      // Logged without the request (headers carry the token); the client gets the shape, not the details.
      console.error(`${spec.method} ${spec.path} failed:`, loggableError(error))
      return apiError(500, 'internal', 'Something went wrong on our side. Try again later.')
    }
  }
}
