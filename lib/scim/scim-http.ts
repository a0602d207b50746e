import 'server-only'
import { getDb, type Db } from '@/db/client'
import { scimTokens } from '@/db/schema'
import { takeRateLimit } from '@/lib/api/rate-limit'
import type { Actor } from '@/lib/auth/actor'
import { clientInfoFrom } from '@/lib/http/client-info'
import { publicUrl } from '@/lib/config/public-url'
import { loggableError } from '@/lib/logging/loggable-error'
import type { Refusal } from '@/lib/validation/result'
import { authenticateScimToken } from './scim-tokens'

/**
 * The SCIM 2.0 protocol's HTTP side (RFC 7644): JSON as
 * `application/scim+json`, errors in its Error message with `scimType`, the
 * bearer token of Settings › Provisioning, its rate limit, and ETags from our
 * versions. Every SCIM route is a `scimRoute`.
 */

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8'
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'

export type ScimType =
  'uniqueness' | 'invalidFilter' | 'invalidValue' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'mutability' | 'tooMany'

/** A refusal in SCIM's words; thrown anywhere under a scimRoute, answered as its Error message. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail)
  }
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  })
}

export function scimError(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}): Response {
  return scimJson({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }, status, headers)
}

/** A lib function's refusal in SCIM's terms: the one place its `reason` becomes a SCIM status. */
export function scimRefusal(result: Refusal<string, unknown>): ScimError {
  const detail =
    result.formError ??
    Object.entries(result.fieldErrors)
      .map(([field, message]) => `${field}: ${message}`)
      .join(' ') ??
    'Refused.'
  switch (result.reason) {
    case 'invalid':
      return new ScimError(400, detail || 'That request was not valid.', 'invalidValue')
    case 'not_found':
      return new ScimError(404, 'There is no such resource.')
    case 'stale':
      return new ScimError(412, detail || 'The resource changed since the version you sent.')
    case 'forbidden':
      return new ScimError(403, detail || 'The provisioning token may not do that.')
    case 'conflict':
      return new ScimError(409, detail || 'That conflicts with another resource.', 'uniqueness')
  }
}

/** `W/"3"` for version 3. */
export const etagOf = (version: number) => `W/"${version}"`

/** The version an `If-Match` header asks for: null without one (or `*`); a value that names no version is a stale one. */
export function ifMatchVersion(request: Request): number | null {
  const header = request.headers.get('if-match')?.trim()
  if (!header || header === '*') return null
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header)
  return match ? Number(match[1]) : -1
}

export interface ScimCall<P> {
  db: Db
  /** The provisioning identity of the token's workspace (label "SCIM"). */
  actor: Actor
  request: Request
  params: P
  search: URLSearchParams
  /** The JSON body (an object) for methods that carry one. */
  body: Record<string, unknown>
  /** `https://portal/scim/v2`, for `meta.location`. */
  base: string
}

export const scimBase = () => `${publicUrl()}/scim/v2`

async function readBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await request.json()
  } catch {
    throw new ScimError(400, 'Send a JSON object as the body.', 'invalidSyntax')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'Send a JSON object as the body.', 'invalidSyntax')
  return body as Record<string, unknown>
}

/**
 * A SCIM route handler: the token (401), its rate limit per minute, shared by
 * every instance (429), the body (400), then `handle`, whose every query is
 * scoped by the token's workspace. A ScimError is answered as such; anything
 * else is logged (never the request: its header holds the token) and a 500.
 */
export function scimRoute<P extends Record<string, string> = Record<string, never>>(handle: (call: ScimCall<P>) => Promise<Response>) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb()
      const client = clientInfoFrom(request.headers)
      const caller = await authenticateScimToken(db, request.headers.get('authorization'), client)
      if (!caller)
        return scimError(401, 'Send a valid SCIM token: Authorization: Bearer scim_… (Settings › Provisioning).', undefined, {
          'www-authenticate': 'Bearer',
        })
      const limit = await takeRateLimit(db, { tenantId: caller.actor.tenantId, tokenId: caller.tokenId }, undefined, scimTokens)
      if (!limit.ok)
        return scimError(429, `Too many requests with this token: try again in ${limit.retryAfter} s.`, undefined, {
          'retry-after': String(limit.retryAfter),
        })
      const body = ['POST', 'PUT', 'PATCH'].includes(request.method) ? await readBody(request) : {}
      return await handle({
        db,
        actor: caller.actor,
        request,
        params: ((await context?.params) ?? {}) as P,
        search: new URL(request.url).searchParams,
        body,
        base: scimBase(),
      })
    } catch (error) {
      if (error instanceof ScimError) return scimError(error.status, error.detail, error.scimType)
      console.error(`SCIM ${request.method} ${new URL(request.url).pathname} failed:`, loggableError(error))
      return scimError(500, 'Something went wrong on our side. Try again later.')
    }
  }
}

/** A path's id: ours are UUIDs, so anything else names no resource (404, never a query error). */
export function resourceId(id: string | undefined): string {
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw new ScimError(404, 'There is no such resource.')
  return id.toLowerCase()
}
