import 'server-only'
import { cookies, headers } from 'next/headers'
import { FLASH_COOKIE, FLASH_HEADER, FLASH_MAX_AGE_SECONDS, isFlashKey } from '@/lib/http/flash-cookie'

/** In a server action, before redirect(): the next page says `key`'s message once (lib/http/flash-cookie.ts). */
export async function setFlash(key: string): Promise<void> {
  ;(await cookies()).set(FLASH_COOKIE, key, { path: '/', sameSite: 'lax', maxAge: FLASH_MAX_AGE_SECONDS, httpOnly: false })
}

/**
 * The flash key for this page render, if one of `known`: from our server's
 * header on a plain page request, or from the cookie the action rendering this
 * page (JavaScript on: redirect() renders in the action's own response) just set.
 */
export async function takeFlash<K extends string>(known: readonly K[]): Promise<K | null> {
  const h = await headers()
  const key = h.get(FLASH_HEADER) ?? (h.has('next-action') ? ((await cookies()).get(FLASH_COOKIE)?.value ?? null) : null)
  return isFlashKey(key) && (known as readonly string[]).includes(key) ? (key as K) : null
}
