import 'server-only'
import type { Db } from '@/db/client'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { loadFilterOptions } from '@/lib/users/list-filter-options'
import { LAST_LOGIN_LABELS, parseUserListParams, userListHref, type UserListParams } from '@/lib/users/list-params'
import { EXPORT_COLUMNS, type ExportRow } from '@/lib/users/list-export-columns'
import { exportRows } from './export-rows'
import { csvStream, textCells, xlsxStream } from './formats'
import { buildUsersPdf, PDF_ROW_CAP } from './pdf'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const SORT_LABELS: Record<string, string> = {
  name: 'Full name',
  username: 'Username',
  email: 'Email',
  role: 'Role',
  status: 'Status',
  force_login: 'Force login',
  last_login: 'Last login',
  created: 'Created',
}

/** The view in words, for the PDF's header and the print page. */
export function filterSummary(p: UserListParams, options: FilterOptions): string {
  const parts: string[] = []
  if (p.q) parts.push(`Search “${p.q}”`)
  if (p.role.length) parts.push(`Role: ${p.role.join(' or ')}`)
  const names = (ids: string[], list: { id: string; name: string }[]) =>
    ids.map((id) => list.find((x) => x.id === id)?.name ?? 'unknown').join(' or ')
  if (p.profile.length) parts.push(`Profile: ${names(p.profile, options.profiles)}`)
  if (p.group.length) parts.push(`Group: ${names(p.group, options.groups)}`)
  if (p.department.length) parts.push(`Department: ${p.department.join(' or ')}`)
  if (p.status) parts.push(`Status: ${p.status === 'active' ? 'Active' : 'Inactive'}`)
  if (p.type) parts.push(`Extension type: ${p.type === 'none' ? 'no extension' : p.type}`)
  if (p.signedIn) parts.push(p.signedIn === 'now' ? 'Signed in now' : 'Not signed in')
  if (p.lastLogin) parts.push(`Last login: ${LAST_LOGIN_LABELS[p.lastLogin].toLowerCase()}`)
  if (p.import) parts.push('Users of an import')
  parts.push(`sorted by ${SORT_LABELS[p.sort.key]}${p.sort.desc ? ', descending' : ''}`)
  return `${parts.length > 1 ? '' : 'All users, '}${parts.join('; ')}`
}

export const exportFileName = (slug: string, format: string, now = new Date()) =>
  `users-${slug}-${now.toISOString().slice(0, 10)}.${format}`

async function audit(db: Db, who: Actor, format: string, p: UserListParams, rows: number) {
  await recordAudit(db, {
    tenantId: who.tenantId,
    actor: who,
    action: 'users.export',
    entityType: 'users',
    after: { format, filter: userListHref(p), rows },
  })
}

export type ExportAnswer =
  | { kind: 'stream'; body: ReadableStream<Uint8Array>; contentType: string; fileName: string }
  | { kind: 'file'; body: ArrayBuffer; contentType: string; fileName: string }
  | { kind: 'too-many'; rows: number }
  | { kind: 'forbidden' }

/**
 * The users list's current view (`raw` = its URL parameters), whole, as CSV,
 * XLSX or PDF (`users.export`, the exporter's workspace only). Recorded in the
 * audit log with the filter and the row count.
 */
export async function exportUsers(
  db: Db,
  who: Actor,
  input: { format: ExportFormat; params: URLSearchParams; workspace: { slug: string; name: string } },
): Promise<ExportAnswer> {
  if (!who.permissions.has('users.export')) return { kind: 'forbidden' }
  const { format } = input
  const params = { ...parseUserListParams(input.params), page: 1 }
  const fileName = exportFileName(input.workspace.slug, format)
  if (format === 'csv') {
    return {
      kind: 'stream',
      fileName,
      contentType: 'text/csv; charset=utf-8',
      body: csvStream(
        EXPORT_COLUMNS.map((c) => c.header),
        exportRows(db, who, params),
        (r) => textCells(r, true),
        (n) => audit(db, who, format, params, n),
      ),
    }
  }
  if (format === 'xlsx') {
    return {
      kind: 'stream',
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: xlsxStream(exportRows(db, who, params), 'Users', (n) => audit(db, who, format, params, n)),
    }
  }
  // PDF is built in memory: count first (one past the cap is enough), refuse above it.
  const rows: ExportRow[] = []
  for await (const batch of exportRows(db, who, params)) {
    rows.push(...batch)
    if (rows.length > PDF_ROW_CAP) return { kind: 'too-many', rows: rows.length }
  }
  const options = await loadFilterOptions(db, who)
  const body = buildUsersPdf(rows, { workspace: input.workspace.name, filters: filterSummary(params, options), generatedAt: new Date() })
  await audit(db, who, format, params, rows.length)
  return { kind: 'file', fileName, contentType: 'application/pdf', body }
}
