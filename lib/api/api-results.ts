import 'server-only'
import type { TokenUser } from '@/lib/api-tokens/authenticate-token'
import { clientInfoFrom } from '@/lib/http/client-info'
import type { Actor } from '@/lib/auth/actor'
import { badRequest, conflict, forbidden, invalidFields, notFoundError } from '@/lib/http/api-response'
import type { Refusal } from '@/lib/validation/result'

/** The token's user as the lib functions' actor: audit entries say the change came through the API. */
export function apiActor(caller: TokenUser, request: Request): Actor {
  const client = clientInfoFrom(request.headers)
  return {
    userId: caller.id,
    tenantId: caller.tenantId,
    permissions: caller.permissions,
    scoped: caller.scoped,
    ...(caller.scopeSize !== undefined ? { scopeSize: caller.scopeSize } : {}),
    label: `${caller.username} (API)`,
    ip: client.ip,
    userAgent: client.userAgent,
  }
}

/**
 * A lib function's refusal as an API answer, the one place `reason` becomes a
 * status: field messages → 422, gone or out of reach → 404, a stale version
 * → 409, no permission → 403, a rule about the current state (the last active
 * admin, a username taken since the delete) → 409.
 */
export function failureResponse(result: Refusal<string, unknown>): Response {
  switch (result.reason) {
    case 'invalid':
      return Object.values(result.fieldErrors).some(Boolean)
        ? invalidFields(result.fieldErrors)
        : badRequest(result.formError ?? 'That request was not valid.')
    case 'not_found':
      return notFoundError()
    case 'stale':
      // The form's message offers the current values on the page; an API client reads them again itself.
      return conflict(
        'It was changed since the version you sent. Nothing was saved: read it again and send your change with its new version.',
      )
    case 'forbidden':
      return forbidden()
    case 'conflict':
      return conflict(result.formError ?? 'That was refused.')
  }
}

/** A PATCH must say which version it changes: null when it does, else the 422. */
export function missingVersion(body: Record<string, unknown>): Response | null {
  return Number.isInteger(body.version) ? null : invalidFields({ version: 'Send the version you read (an integer).' })
}

/** Only the keys of `body` that `allowed` names: a PATCH merges these over the current values. */
export function pick(body: Record<string, unknown>, allowed: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => allowed.includes(k)))
}
