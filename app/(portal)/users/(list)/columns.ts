import type { SortKey } from '@/lib/users/list-params'

/**
 * The list's columns, in order: shared by the server-rendered table and the
 * client's column chooser, so both agree on what the nth column is.
 */
export const USER_COLUMNS = [
  { id: 'fullName', label: 'Full name', sortKey: 'name', hideable: false },
  { id: 'username', label: 'Username', sortKey: 'username', hideable: true },
  { id: 'email', label: 'Email', sortKey: 'email', hideable: true },
  { id: 'extension', label: 'Extension', hideable: true },
  { id: 'role', label: 'Role', sortKey: 'role', hideable: true },
  { id: 'profile', label: 'Profile', hideable: true },
  { id: 'groups', label: 'Groups', hideable: true },
  { id: 'status', label: 'Status', sortKey: 'status', hideable: true },
  { id: 'signedIn', label: 'Signed in', hideable: true },
  { id: 'forceLogin', label: 'Force login', sortKey: 'force_login', hideable: true },
  { id: 'lastLogin', label: 'Last login', sortKey: 'last_login', hideable: true },
] as const satisfies readonly { id: string; label: string; sortKey?: SortKey; hideable: boolean }[]

export type UserColumnId = (typeof USER_COLUMNS)[number]['id']
