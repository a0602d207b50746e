import { ROLES as ROLE_LIST, type Role } from '@/db/enums'

/** The spec's permission catalogue. */
export const PERMISSIONS = [
  'users.read',
  'users.create',
  'users.update',
  'users.delete',
  'users.password',
  'users.tokens',
  'extensions.manage',
  'settings.manage',
  'reports.read',
  'users.export',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** What people read (the profile form, the API reference); the code is shown beside it as a hint. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'users.read': 'Read users',
  'users.create': 'Create users',
  'users.update': 'Edit users',
  'users.delete': 'Delete and restore users',
  'users.password': 'Set users’ passwords',
  'users.tokens': 'Manage users’ API tokens',
  'extensions.manage': 'Manage extensions',
  'settings.manage': 'Manage settings (profiles, groups, directory)',
  'reports.read': 'Read reports',
  'users.export': 'Export users',
}

/** The roles: the schema enum's own list. */
export const ROLES = ROLE_LIST

/** Role → permissions: the one table every page, action and route asks. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  Admin: PERMISSIONS,
  Supervisor: ['users.read', 'reports.read', 'users.export'],
  Agent: [],
}

/** A profile narrows its role: the effective set is the intersection. */
export function effectivePermissions(role: Role, profilePermissions: readonly string[] | null): Set<Permission> {
  const base = ROLE_PERMISSIONS[role]
  if (profilePermissions === null) return new Set(base)
  const allowed = new Set(profilePermissions)
  return new Set(base.filter((p) => allowed.has(p)))
}
