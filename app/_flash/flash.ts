import 'server-only'
import { cookies, headers } from 'next/headers'
import { FLASH_COOKIE, FLASH_HEADER, FLASH_MAX_AGE_SECONDS, isFlashKey } from '@/lib/http/flash-cookie'

/** In a server action, before redirect(): the next page says `key`'s message once (lib/http/flash-cookie.ts). */
export async function setFlash(key: string): Promise<void> {
  ;(await cookies()).set(FLASH_COOKIE, key, { path: '/', sameSite: 'lax', maxAge: FLASH_MAX_AGE_SECONDS, httpOnly: false })
}

/**
 * The flash key for this page render, if one of `known`: from our server's
 * header on a plain page request (the cookie is expired in that response), or
 * from the cookie itself where the render doesn't pass through our server: the
 * page a server action's redirect() renders for its own response (JavaScript
 * on), whose Flash then expires the cookie in the browser.
 */
export async function takeFlash<K extends string>(known: readonly K[]): Promise<K | null> {
  const key = (await headers()).get(FLASH_HEADER) ?? (await cookies()).get(FLASH_COOKIE)?.value ?? null
  return isFlashKey(key) && (known as readonly string[]).includes(key) ? (key as K) : null
}
