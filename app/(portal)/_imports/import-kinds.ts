import type { Permission } from '@/lib/auth/permissions'
import type { ImportKind } from '@/lib/imports/import-jobs'

/** What differs between Users › Import and Settings › Extensions › Import: paths, words, permission. */
export interface ImportKindPage {
  kind: ImportKind
  permission: Permission
  /** The upload page; a job's page is `${base}/${id}`. */
  base: string
  back: { href: string; label: string }
  title: string
  /** "user" / "extension", for "Import 3 users". */
  noun: string
}

export const USERS_IMPORT: ImportKindPage = {
  kind: 'users',
  permission: 'users.create',
  base: '/users/import',
  back: { href: '/users', label: 'Users' },
  title: 'Import users',
  noun: 'user',
}

export const EXTENSIONS_IMPORT: ImportKindPage = {
  kind: 'extensions',
  permission: 'extensions.manage',
  base: '/settings/extensions/import',
  back: { href: '/settings/extensions', label: 'Extensions' },
  title: 'Import extensions',
  noun: 'extension',
}

export const plural = (n: number, noun: string) => `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`
