/**
 * The users list's export columns, in order, with their header text. The
 * import reads the same headers (lib/users/import-users.ts): an export is a
 * valid import file, and importing it unchanged changes nothing.
 */
export interface ExportRow {
  fullName: string
  username: string
  email: string
  extension: string | null
  extensionType: string | null
  role: string
  profile: string | null
  groups: string
  status: string
  forceLogin: boolean
  lastLoginAt: Date | null
  createdAt: Date
}

/** The export's columns, in order, with their header text. */
export const EXPORT_COLUMNS: { key: keyof ExportRow; header: string }[] = [
  { key: 'fullName', header: 'Full name' },
  { key: 'username', header: 'Username' },
  { key: 'email', header: 'Email' },
  { key: 'extension', header: 'Extension' },
  { key: 'extensionType', header: 'Extension type' },
  { key: 'role', header: 'Role' },
  { key: 'profile', header: 'Profile' },
  { key: 'groups', header: 'Groups' },
  { key: 'status', header: 'Status' },
  { key: 'forceLogin', header: 'Force login' },
  { key: 'lastLoginAt', header: 'Last login (UTC)' },
  { key: 'createdAt', header: 'Created (UTC)' },
]
