import 'server-only'

export type ApiErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'invalid' | 'rate_limited' | 'internal'

/** Every API error has this one shape: `{ error: { code, message, fields? } }`. */
export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status, headers: { 'cache-control': 'no-store', ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}), ...headers } },
  )
}

/** The one answer for every token that doesn't work: unknown, revoked, expired, or its owner inactive or deleted. */
export const unauthorized = () => apiError(401, 'unauthorized', 'Send a valid API token: Authorization: Bearer sb_…')
export const forbidden = () => apiError(403, 'forbidden', 'This token’s user doesn’t have permission to do that.')
export const notFoundError = () => apiError(404, 'not_found', 'There is no such resource in this workspace.')
export const badRequest = (message: string) => apiError(400, 'bad_request', message)
export const conflict = (message: string) => apiError(409, 'conflict', message)
export const rateLimited = (retryAfterSeconds: number) =>
  apiError(429, 'rate_limited', `Too many requests with this token: try again in ${retryAfterSeconds} s.`, undefined, {
    'retry-after': String(retryAfterSeconds),
  })

/** 422 with a message per field (the same messages the forms show). */
export function invalidFields(fields: Record<string, string | undefined>, message = 'Some fields are not valid: see fields.'): Response {
  const clean = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'))
  return apiError(422, 'invalid', message, clean)
}

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } })
}
