import 'server-only'
import { extensionImportProcessor } from '@/lib/extensions/import-extensions'
import type { ImportKind, ImportProcessor } from '@/lib/imports/import-jobs'
import { userImportProcessor } from '@/lib/users/import-users-apply'

/** What differs between Users › Import and Settings › Extensions › Import: the area's processor (and so the permission), paths, words. */
export interface ImportKindPage {
  kind: ImportKind
  processor: ImportProcessor
  /** The upload page; a job's page is `${base}/${id}`. */
  base: string
  back: { href: string; label: string }
  title: string
  /** "user" / "extension", for "Import 3 users". */
  noun: string
}

export const USERS_IMPORT: ImportKindPage = {
  kind: 'users',
  processor: userImportProcessor,
  base: '/users/import',
  back: { href: '/users', label: 'Users' },
  title: 'Import users',
  noun: 'user',
}

export const EXTENSIONS_IMPORT: ImportKindPage = {
  kind: 'extensions',
  processor: extensionImportProcessor,
  base: '/settings/extensions/import',
  back: { href: '/settings/extensions', label: 'Extensions' },
  title: 'Import extensions',
  noun: 'extension',
}

export const plural = (n: number, noun: string) => `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`
