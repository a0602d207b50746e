/**
 * A flash message is read once: a server action names it in a short-lived
 * cookie before it redirects, and the next page shows it. Never the URL: a
 * `?saved=1` stays in the address bar and says "saved" again on every reload
 * and above the error of the next, refused save.
 *
 * Who removes it: without JavaScript, our server (scripts/serve.ts) moves the
 * cookie into FLASH_HEADER of the next page request and expires it in the same
 * response; with JavaScript the action's own response renders the next page, and
 * the Flash component expires the cookie as it shows (so it is not HttpOnly; it
 * holds only a message key such as "user-updated").
 */
export const FLASH_COOKIE = 'flash'
export const FLASH_HEADER = 'x-switchboard-flash'
export const FLASH_MAX_AGE_SECONDS = 60
const KEY = /^[a-z-]{1,40}$/

/** The flash key in a Cookie header, if any (only our own key format: anything else is ignored). */
export function flashInCookieHeader(header: string | undefined): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=', 2)
    if (name === FLASH_COOKIE && value && KEY.test(value)) return value
  }
  return null
}

export const isFlashKey = (value: string | null | undefined): value is string => !!value && KEY.test(value)

/** The Set-Cookie value that removes it. */
export const EXPIRED_FLASH_COOKIE = `${FLASH_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
