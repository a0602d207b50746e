import type { Role } from '@/db/schema'

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

export const ROLES = ['Admin', 'Supervisor', 'Agent'] as const satisfies readonly Role[]

/** Role → permissions: the one table every page, action and route asks. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  Admin: PERMISSIONS,
  Supervisor: ['users.read', 'reports.read', 'users.export'],
  Agent: [],
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

/** A profile narrows its role: the effective set is the intersection. */
export function effectivePermissions(role: Role, profilePermissions: readonly string[] | null): Set<Permission> {
  const base = ROLE_PERMISSIONS[role]
  if (profilePermissions === null) return new Set(base)
  const allowed = new Set(profilePermissions)
  return new Set(base.filter((p) => allowed.has(p)))
}
