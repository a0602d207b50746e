/**
 * Where to go after signing in: a path of this portal the visitor asked for,
 * never anywhere else (an open redirect would let a link on another site send
 * people through our sign-in to a look-alike). Only `/…` paths, not `//host`
 * or `/\host` (browsers read both as another origin), no control characters,
 * not the sign-in page itself; anything else is null (the home page).
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  if (/[\u0000-\u001F\u007F\\]/.test(value)) return null
  const url = new URL(value, 'http://portal.invalid')
  if (url.origin !== 'http://portal.invalid' || url.pathname === '/sign-in' || url.pathname.startsWith('/api/')) return null
  url.searchParams.delete('_rsc')
  const path = url.pathname + (url.search === '?' ? '' : url.search)
  return path === '/' ? null : path
}

/** Set by our server in front of Next (scripts/serve.ts): the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = 'x-switchboard-path'
