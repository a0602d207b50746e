import type { Permission } from './permissions'

export interface NavItem {
  href: string
  label: string
  /** Any one of these lets the user reach the section. */
  anyOf: readonly Permission[]
}

/** The main sections; the nav shows what a user may reach, and each page checks again on the server. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/users', label: 'Users', anyOf: ['users.read'] },
  { href: '/settings', label: 'Settings', anyOf: ['settings.manage', 'extensions.manage'] },
  { href: '/reports', label: 'Reports', anyOf: ['reports.read'] },
]

export function reachableNav(permissions: ReadonlySet<Permission>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.anyOf.some((p) => permissions.has(p)))
}

/** Where a user lands after signing in: the first section they may reach, else their account. */
export function homePath(permissions: ReadonlySet<Permission>): string {
  return reachableNav(permissions)[0]?.href ?? '/account'
}
