'use server'

import { cookies } from 'next/headers'
import { z } from 'zod'
import { THEME_COOKIE } from './theme'
import { THEMES } from './themes'

const themeInput = z.enum(THEMES)

/**
 * Light, dark or the system's: a preference of this browser, not of the account
 * (a shared desk PC and a phone may want different ones), so a cookie. It reads
 * and writes no data, so it needs no session: the sign-in page offers it too.
 * Bad input is ignored (no error to show: the only real callers are our three buttons).
 */
export async function setTheme(form: unknown): Promise<void> {
  // A public endpoint: anyone can call it with anything, not only our form's FormData.
  const parsed = themeInput.safeParse(form instanceof FormData ? form.get('theme') : null)
  if (!parsed.success) return
  const jar = await cookies()
  if (parsed.data === 'system') jar.delete(THEME_COOKIE)
  else jar.set(THEME_COOKIE, parsed.data, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 })
}
