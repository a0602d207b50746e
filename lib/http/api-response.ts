import 'server-only'

export type ApiErrorCode = 'unauthorized' | 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'rate_limited'

/** Every API error has this one shape: `{ error: { code, message, fields? } }`. */
export function apiError(status: number, code: ApiErrorCode, message: string, fields?: Record<string, string>): Response {
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status, headers: { 'cache-control': 'no-store', ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}) } },
  )
}

/** The one answer for every token that doesn't work: unknown, revoked, expired, or its owner inactive or deleted. */
export const unauthorized = () => apiError(401, 'unauthorized', 'Send a valid API token: Authorization: Bearer sb_…')
export const forbidden = () => apiError(403, 'forbidden', 'This token’s user doesn’t have permission to do that.')
export const notFoundError = () => apiError(404, 'not_found', 'There is no such resource in this workspace.')

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } })
}
