import 'server-only'
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db, Queryable } from '@/db/client'
import { DIRECTORY_SECRET_SQL, extensions, tenants, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { forbidden, type Result } from '@/lib/validation/result'

export const DIRECTORY_FORMATS = ['yealink', 'grandstream', 'json'] as const
export type DirectoryFormat = (typeof DIRECTORY_FORMATS)[number]

export interface DirectoryEntry {
  fullName: string
  extension: string
  jobTitle: string
  department: string
  mobile: string
}

/** The shape of a secret: anything else is refused before the database is asked. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{32,128}$/

/**
 * The workspace behind a directory secret and its entries: live, active users
 * with an extension who are not hidden from the directory, by name. With
 * `ext`, the entry of that extension (the phone asking) is left out, and an
 * extension the workspace doesn't have is refused. Null: no such directory.
 */
export async function loadDirectory(
  db: Queryable,
  secret: string,
  ext: string | null,
): Promise<{ workspace: string; entries: DirectoryEntry[] } | null> {
  if (!SECRET_SHAPE.test(secret)) return null
  const [tenant] = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.directorySecret, secret))
  if (!tenant) return null
  if (ext !== null) {
    const [own] = await db
      .select({ id: extensions.id })
      .from(extensions)
      .where(and(eq(extensions.tenantId, tenant.id), eq(extensions.number, ext)))
    if (!own) return null
  }
  const entries = await db
    .select({
      fullName: users.fullName,
      extension: extensions.number,
      jobTitle: users.jobTitle,
      department: users.department,
      mobile: users.mobile,
    })
    .from(users)
    .innerJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
    .where(
      and(
        eq(users.tenantId, tenant.id),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
        eq(users.hideFromDirectory, false),
        ext !== null ? ne(extensions.number, ext) : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${users.fullName})`), asc(extensions.number))
  return { workspace: tenant.name, entries }
}

/** The workspace's directory secret, for Settings › Directory (`settings.manage`). */
export async function directorySecretOf(db: Queryable, tenantId: string): Promise<string> {
  const [row] = await db.select({ secret: tenants.directorySecret }).from(tenants).where(eq(tenants.id, tenantId))
  if (!row) throw new Error('No such workspace')
  return row.secret
}

/** A new directory secret: the old URL stops working at once (phones need the new one). Audited. */
export async function regenerateDirectorySecret(db: Db, actor: Actor): Promise<Result> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  await db.transaction(async (tx) => {
    await tx
      .update(tenants)
      .set({ directorySecret: DIRECTORY_SECRET_SQL, updatedAt: sql`now()` })
      .where(eq(tenants.id, actor.tenantId))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'directory.regenerate',
      entityType: 'workspace',
      entityId: actor.tenantId,
    })
  })
  return { ok: true }
}

export const xmlEscape = (value: string) =>
  value
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

/** "Ana María Lima" → first "Ana María", last "Lima" (the phone shows them together; one word is a first name). */
export function splitName(fullName: string): { first: string; last: string } {
  const words = fullName.trim().split(/\s+/)
  return words.length < 2 ? { first: words[0] ?? '', last: '' } : { first: words.slice(0, -1).join(' '), last: words.at(-1)! }
}

/** Yealink remote phone book: extension first, mobile as a second number. */
export function yealinkXml(entries: DirectoryEntry[]): string {
  const body = entries
    .map((e) => {
      const phones = [e.extension, e.mobile]
        .filter(Boolean)
        .map((n) => `<Telephone>${xmlEscape(n)}</Telephone>`)
        .join('')
      return `<DirectoryEntry><Name>${xmlEscape(e.fullName)}</Name>${phones}</DirectoryEntry>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<YealinkIPPhoneDirectory>\n${body}\n</YealinkIPPhoneDirectory>\n`
}

/** Grandstream XML phone book: the extension as a Work number on account 1 (accountindex 0), the mobile as Mobile. */
export function grandstreamXml(entries: DirectoryEntry[]): string {
  const phone = (type: string, n: string) =>
    `<Phone type="${type}"><phonenumber>${xmlEscape(n)}</phonenumber><accountindex>0</accountindex></Phone>`
  const body = entries
    .map((e) => {
      const { first, last } = splitName(e.fullName)
      return `<Contact><FirstName>${xmlEscape(first)}</FirstName><LastName>${xmlEscape(last)}</LastName>${phone('Work', e.extension)}${e.mobile ? phone('Mobile', e.mobile) : ''}</Contact>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<AddressBook>\n<version>1</version>\n${body}\n</AddressBook>\n`
}
