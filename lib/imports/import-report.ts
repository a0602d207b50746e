/**
 * What an import's preview and result say, stored with the job (jsonb) and
 * sent by the API as they are: plain data, no classes.
 */
export type RowAction = 'create' | 'update' | 'unchanged' | 'error'

export const ROW_ACTION_LABELS: Record<RowAction, string> = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
  error: 'Error',
}

export interface FieldChange {
  field: string
  from: string
  to: string
}

export interface RowError {
  /** The column's header, or '' for the row as a whole. */
  field: string
  message: string
}

/** "Role: Unknown role …", or the message alone for the row as a whole: the preview table and the errors file say it alike. */
export const rowErrorText = (e: RowError) => (e.field ? `${e.field}: ${e.message}` : e.message)

export interface PreviewRow {
  /** The file's line (CSV) or sheet row (xlsx). */
  line: number
  action: RowAction
  /** What names the row: a username, an email, an extension number. */
  key: string
  changes?: FieldChange[]
  errors?: RowError[]
}

export interface ImportSummary {
  create: number
  update: number
  unchanged: number
  error: number
}

export interface ImportPreview {
  summary: ImportSummary
  rows: PreviewRow[]
  /** Headers the import doesn't know: ignored. */
  unknownColumns: string[]
  /** Known columns that are never imported (e.g. "Created (UTC)"): ignored. */
  readOnlyColumns: string[]
}

export interface ImportResult {
  /** False when nothing was written: an all-or-nothing import with errors. */
  written: boolean
  created: number
  updated: number
  unchanged: number
  failed: number
  /** The rows that failed (or would have), with their messages. */
  errors: PreviewRow[]
}

export function summarise(rows: readonly PreviewRow[]): ImportSummary {
  const summary: ImportSummary = { create: 0, update: 0, unchanged: 0, error: 0 }
  for (const row of rows) summary[row.action]++
  return summary
}

/** "3 to create · 1 to update · 10 unchanged · 2 with errors" */
export function summaryLine(s: ImportSummary): string {
  const n = (v: number) => v.toLocaleString('en-GB')
  return `${n(s.create)} to create · ${n(s.update)} to update · ${n(s.unchanged)} unchanged · ${n(s.error)} with errors`
}
