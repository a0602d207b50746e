import 'server-only'
import type { TokenUser } from '@/lib/api-tokens/authenticate-token'
import { clientInfoFrom } from '@/lib/http/client-info'
import { conflict, invalidFields, notFoundError } from '@/lib/http/api-response'
import type { FailureReason } from '@/lib/validation/failure-reason'

/** The token's user as the lib functions' actor: audit entries say the change came through the API. */
export function apiActor(caller: TokenUser, request: Request) {
  return {
    id: caller.id,
    userId: caller.id,
    tenantId: caller.tenantId,
    username: caller.username,
    label: `${caller.username} (API)`,
    ip: clientInfoFrom(request.headers).ip,
    permissions: caller.permissions,
  }
}

type Failure = { reason?: FailureReason; fieldErrors?: Record<string, string | undefined>; formError?: string; message?: string; field?: string }

/**
 * A lib function's refusal as an API answer: gone → 404, a stale version →
 * 409, field messages → 422, any other rule about the current state (the
 * last active admin, a username taken since the delete) → 409.
 */
export function failureResponse(result: Failure): Response {
  const message = result.formError ?? result.message ?? 'That was refused.'
  if (result.reason === 'not_found') return notFoundError()
  // The form's message offers the current values on the page; an API client reads them again itself.
  if (result.reason === 'stale') return conflict('It was changed since the version you sent. Nothing was saved: read it again and send your change with its new version.')
  const fields = { ...result.fieldErrors, ...(result.field && result.message ? { [result.field]: result.message } : {}) }
  if (Object.values(fields).some(Boolean)) return invalidFields(fields)
  return conflict(message)
}

/** A PATCH must say which version it changes: null when it does, else the 422. */
export function missingVersion(body: Record<string, unknown>): Response | null {
  return Number.isInteger(body.version) ? null : invalidFields({ version: 'Send the version you read (an integer).' })
}

/** Only the keys of `body` that `allowed` names: a PATCH merges these over the current values. */
export function pick(body: Record<string, unknown>, allowed: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => allowed.includes(k)))
}
