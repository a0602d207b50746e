import 'server-only'
import crypto from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { Db, Queryable } from '@/db/client'
import { isUniqueViolation } from '@/db/errors'
import { extensions } from '@/db/schema'
import { recordAudit, recordAudits, type AuditInput } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { hashPassword } from '@/lib/auth/passwords'
import { generateSecret } from '@/lib/crypto/secret-box'
import { appKeyring, sealSipSecret } from '@/lib/crypto/sip-secret'
import { jsonList } from '@/lib/db/json-list'
import {
  cellReader,
  duplicatesIn,
  matchColumns,
  oneOfIgnoringCase,
  overflowError,
  parseYesNo,
  rowList,
  type ImportColumn,
} from '@/lib/imports/import-columns'
import { EXTENSION_TYPES } from '@/db/enums'
import { ImportConflictError, type ImportProcessor } from '@/lib/imports/import-jobs'
import {
  summarise,
  type FieldChange,
  type ImportPreview,
  type ImportResult,
  type PreviewRow,
  type RowError,
} from '@/lib/imports/import-report'
import { ImportFileError, type TableFile } from '@/lib/imports/read-table-file'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { extensionInputSchema, type ExtensionField, type ExtensionInput } from './extension-input'
import { auditView, voicemailErrors } from './manage-extensions'

/**
 * Settings › Extensions › Import: the users import's machinery (reader, jobs,
 * preview, all-or-nothing) for extensions, matched by number. The rules are
 * the extension form's (extensionInputSchema; voicemail on needs a PIN).
 */
type ColumnKey = 'number' | 'type' | 'voicemailEnabled' | 'voicemailPin' | 'voicemailEmail'
const COLUMNS: readonly ImportColumn<ColumnKey>[] = [
  { key: 'number', header: 'Number' },
  { key: 'type', header: 'Type' },
  { key: 'voicemailEnabled', header: 'Voicemail' },
  { key: 'voicemailPin', header: 'Voicemail PIN' },
  { key: 'voicemailEmail', header: 'Notification email' },
]
const HEADER = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>
export const EXTENSION_TEMPLATE_HEADERS = COLUMNS.map((c) => c.header)
const FIELD_COLUMN: Partial<Record<ExtensionField, ColumnKey>> = {
  number: 'number',
  type: 'type',
  voicemailEnabled: 'voicemailEnabled',
  voicemailPin: 'voicemailPin',
  voicemailEmail: 'voicemailEmail',
}

function checkColumns(headers: string[]) {
  const columns = matchColumns(headers, COLUMNS)
  if (!columns.index.has('number'))
    throw new ImportFileError('The file needs a “Number” column: that is how rows are matched to extensions.')
  return columns
}

interface Current {
  id: string
  number: string
  type: 'WebRTC' | 'SIP'
  voicemailEnabled: boolean
  voicemailEmail: string
  hasPin: boolean
}

interface PlannedExtension {
  line: number
  action: 'create' | 'update'
  id: string
  input: ExtensionInput
  before: Current | null
}

async function planExtensionImport(
  db: Queryable,
  actor: Actor,
  table: TableFile,
): Promise<{ preview: ImportPreview; rows: PlannedExtension[] }> {
  const columns = checkColumns(table.headers)
  const cell = cellReader(columns)
  const numbers = [...new Set(table.rows.map((r) => cell(r, 'number') ?? '').filter(Boolean))]
  const existing = numbers.length
    ? await db
        .select({
          id: extensions.id,
          number: extensions.number,
          type: extensions.type,
          voicemailEnabled: extensions.voicemailEnabled,
          voicemailEmail: sql<string>`coalesce(${extensions.voicemailEmail}, '')`,
          hasPin: sql<boolean>`${extensions.voicemailPinHash} IS NOT NULL`,
        })
        .from(extensions)
        .where(and(eq(extensions.tenantId, actor.tenantId), sql`${extensions.number} IN ${jsonList(numbers)}`))
    : []
  const byNumber = new Map(existing.map((x) => [x.number, x]))
  const duplicates = duplicatesIn(
    table.rows,
    (r) => cell(r, 'number') || null,
    (r) => r.line,
  )
  const planned: PlannedExtension[] = []
  const rows: PreviewRow[] = table.rows.map((row) => {
    const errors: RowError[] = []
    const fail = (key: ColumnKey | '', message: string) => errors.push({ field: key ? HEADER[key] : '', message })
    const overflow = overflowError(row, table.headers)
    if (overflow) fail('', overflow)
    const number = cell(row, 'number') ?? ''
    const current = byNumber.get(number) ?? null
    const values: Record<string, unknown> = current
      ? {
          number,
          type: current.type,
          voicemailEnabled: current.voicemailEnabled,
          voicemailEmail: current.voicemailEmail,
          voicemailPin: '',
        }
      : { number, voicemailPin: '' }
    const typeCell = cell(row, 'type')
    if (typeCell) {
      const type = oneOfIgnoringCase(EXTENSION_TYPES, typeCell)
      if (type) values.type = type
      else fail('type', 'Use WebRTC or SIP.')
    }
    const voicemailCell = cell(row, 'voicemailEnabled')
    if (voicemailCell) {
      const on = parseYesNo(voicemailCell)
      if (on === null) fail('voicemailEnabled', 'Use Yes or No.')
      else values.voicemailEnabled = on
    }
    const pin = cell(row, 'voicemailPin')
    if (pin) values.voicemailPin = pin
    const email = cell(row, 'voicemailEmail')
    if (email) values.voicemailEmail = email
    const parsed = extensionInputSchema.safeParse(values)
    if (!parsed.success) {
      for (const [field, message] of Object.entries(fieldErrorsOf<ExtensionField>(parsed.error))) {
        if (message) fail(FIELD_COLUMN[field as ExtensionField] ?? '', message)
      }
    }
    const lines = duplicates.get(row)
    if (lines) fail('number', `Extension ${number} appears on ${rowList(lines)} of this file.`)
    const key = number || `row ${row.line}`
    if (!parsed.success || errors.length) return { line: row.line, action: 'error', key, errors }
    const input = parsed.data
    for (const [field, message] of Object.entries(voicemailErrors(input, !!current?.hasPin)))
      fail(FIELD_COLUMN[field as ExtensionField]!, message!)
    if (errors.length) return { line: row.line, action: 'error', key, errors }
    if (current) {
      const before = auditView(current)
      const after = auditView(input)
      const changes: FieldChange[] = []
      if (before.type !== after.type) changes.push({ field: HEADER.type, from: before.type, to: after.type })
      if (before.voicemailEnabled !== after.voicemailEnabled) {
        changes.push({
          field: HEADER.voicemailEnabled,
          from: before.voicemailEnabled ? 'Yes' : 'No',
          to: after.voicemailEnabled ? 'Yes' : 'No',
        })
      }
      if (before.voicemailEmail !== after.voicemailEmail)
        changes.push({ field: HEADER.voicemailEmail, from: before.voicemailEmail, to: after.voicemailEmail })
      if (input.voicemailPin) changes.push({ field: HEADER.voicemailPin, from: '', to: '(new PIN)' })
      if (!changes.length) return { line: row.line, action: 'unchanged', key }
      planned.push({ line: row.line, action: 'update', id: current.id, input, before: current })
      return { line: row.line, action: 'update', key, changes }
    }
    planned.push({ line: row.line, action: 'create', id: crypto.randomUUID(), input, before: null })
    return { line: row.line, action: 'create', key }
  })
  return { preview: { summary: summarise(rows), rows, unknownColumns: columns.unknown, readOnlyColumns: [] }, rows: planned }
}

/** Imports extensions: planned again inside one transaction; all or nothing unless `skipErrors`. */
export async function importExtensions(
  db: Db,
  actor: Actor,
  table: TableFile,
  run: { skipErrors: boolean; fileName: string; jobId: string | null },
): Promise<ImportResult> {
  if (!actor.permissions.has('extensions.manage')) throw new ImportConflictError('You don’t have permission to import extensions.')
  const ring = appKeyring()
  try {
    return await db.transaction(async (tx) => {
      const plan = await planExtensionImport(tx, actor, table)
      const errors = plan.preview.rows.filter((r) => r.action === 'error')
      const created = plan.rows.filter((r) => r.action === 'create')
      const updated = plan.rows.filter((r) => r.action === 'update')
      const written = !errors.length || run.skipErrors
      const result: ImportResult = {
        written,
        created: written ? created.length : 0,
        updated: written ? updated.length : 0,
        unchanged: plan.preview.summary.unchanged,
        failed: errors.length,
        errors,
      }
      if (!written) return result
      const pins = new Map<string, string>()
      for (const r of plan.rows) if (r.input.voicemailPin) pins.set(r.id, await hashPassword(r.input.voicemailPin))
      for (let i = 0; i < created.length; i += 500) {
        await tx.insert(extensions).values(
          created.slice(i, i + 500).map((r) => ({
            tenantId: actor.tenantId,
            id: r.id,
            number: r.input.number,
            type: r.input.type,
            voicemailEnabled: r.input.voicemailEnabled,
            voicemailPinHash: pins.get(r.id) ?? null,
            voicemailEmail: r.input.voicemailEmail || null,
            ...sealSipSecret(ring, actor.tenantId, r.id, generateSecret(20)),
          })),
        )
      }
      for (const r of updated) {
        await tx
          .update(extensions)
          .set({
            type: r.input.type,
            voicemailEnabled: r.input.voicemailEnabled,
            voicemailEmail: r.input.voicemailEmail || null,
            ...(pins.has(r.id) ? { voicemailPinHash: pins.get(r.id)! } : {}),
            version: sql`${extensions.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, r.id)))
      }
      const audits: AuditInput[] = plan.rows.map((r) => ({
        tenantId: actor.tenantId,
        actor,
        action: r.action === 'create' ? 'extension.create' : 'extension.update',
        entityType: 'extension',
        entityId: r.id,
        before: r.before ? auditView(r.before) : null,
        after: { ...auditView(r.input), import: run.fileName },
      }))
      await recordAudits(tx, audits)
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'extensions.import',
        entityType: 'import',
        entityId: run.jobId,
        after: { file: run.fileName, created: result.created, updated: result.updated, unchanged: result.unchanged, failed: result.failed },
      })
      return result
    })
  } catch (error) {
    if (isUniqueViolation(error, 'extensions_tenant_number_key')) {
      throw new ImportConflictError(
        'Someone created some of these extensions while this import ran, so nothing was written. Preview the file again.',
      )
    }
    throw error
  }
}

/** Settings › Extensions › Import as a job (lib/imports/import-jobs.ts runs it). */
export const extensionImportProcessor: ImportProcessor = {
  permission: 'extensions.manage',
  checkColumns: (headers) => void checkColumns(headers),
  preview: async (db, actor, table) => (await planExtensionImport(db, actor, table)).preview,
  apply: (db, actor, table, run) =>
    importExtensions(db, actor, table, { skipErrors: !!run.options.skipErrors, fileName: run.fileName, jobId: run.jobId }),
}
