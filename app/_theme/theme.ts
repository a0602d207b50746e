import 'server-only'
import { cookies } from 'next/headers'

/** The browser's choice of theme; "system" (no cookie) follows prefers-color-scheme. */
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const THEME_COOKIE = 'theme'

export async function currentTheme(): Promise<Theme> {
  const value = (await cookies()).get(THEME_COOKIE)?.value
  return value === 'light' || value === 'dark' ? value : 'system'
}
