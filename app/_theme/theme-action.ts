'use server'

import { cookies } from 'next/headers'
import { z } from 'zod'
import { THEME_COOKIE, THEMES } from './theme'

const themeInput = z.enum(THEMES)

/**
 * Light, dark or the system's: a preference of this browser, not of the account
 * (a shared desk PC and a phone may want different ones), so a cookie. It reads
 * and writes no data, so it needs no session: the sign-in page offers it too.
 * Bad input is ignored rather than reported: the only callers are our three buttons.
 */
export async function setTheme(form: FormData): Promise<void> {
  const parsed = themeInput.safeParse(form.get('theme'))
  if (!parsed.success) return
  const jar = await cookies()
  if (parsed.data === 'system') jar.delete(THEME_COOKIE)
  else jar.set(THEME_COOKIE, parsed.data, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 })
}
