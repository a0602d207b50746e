import 'server-only'
import { cookies } from 'next/headers'
import type { Theme } from './themes'

export const THEME_COOKIE = 'theme'

export async function currentTheme(): Promise<Theme> {
  const value = (await cookies()).get(THEME_COOKIE)?.value
  return value === 'light' || value === 'dark' ? value : 'system'
}
