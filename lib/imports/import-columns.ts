import { restoreNeutralised } from './formula-cells'
import { ImportFileError, type TableRow } from './read-table-file'

/** A column an import understands: matched by header, case and spaces ignored. */
export interface ImportColumn<K extends string> {
  key: K
  header: string
  /** Exported for information only (e.g. "Created (UTC)"): read past, never written. */
  readOnly?: boolean
}

/** "Full name", "full name", "FULLNAME" and " Full  Name " are one header. */
export const headerKey = (header: string) => header.toLowerCase().replace(/\s+/g, '')

export interface MatchedColumns<K extends string> {
  /** Each known column's index in the file. */
  index: Map<K, number>
  /** Headers the import doesn't know: listed on the preview, ignored. */
  unknown: string[]
  /** Known read-only columns present in the file: ignored. */
  readOnly: string[]
}

export function matchColumns<K extends string>(headers: string[], columns: readonly ImportColumn<K>[]): MatchedColumns<K> {
  const byKey = new Map(columns.map((c) => [headerKey(c.header), c]))
  const index = new Map<K, number>()
  const seen = new Map<string, string>()
  const unknown: string[] = []
  const readOnly: string[] = []
  headers.forEach((header, i) => {
    if (!header) return
    const key = headerKey(header)
    if (seen.has(key)) throw new ImportFileError(`The column “${header}” appears twice in the header row. Keep one of them.`)
    seen.set(key, header)
    const column = byKey.get(key)
    if (!column) unknown.push(header)
    else if (column.readOnly) readOnly.push(header)
    else index.set(column.key, i)
  })
  return { index, unknown, readOnly }
}

/**
 * A row's cell for `key`: `undefined` when the file has no such column, `''`
 * for a blank cell, else the text trimmed, with the export's formula
 * neutralisation undone (a name the export wrote as `'=x` is `=x` again).
 */
export function cellReader<K extends string>(columns: MatchedColumns<K>) {
  return (row: TableRow, key: K): string | undefined => {
    const i = columns.index.get(key)
    if (i === undefined) return undefined
    return restoreNeutralised((row.cells[i] ?? '').trim())
  }
}

/** `Yes`/`No` as the export writes them, and the usual spellings of each. */
export function parseYesNo(value: string): boolean | null {
  const v = value.toLowerCase()
  if (['yes', 'y', 'true', '1', 'on'].includes(v)) return true
  if (['no', 'n', 'false', '0', 'off'].includes(v)) return false
  return null
}

/** Rows that carry a value in a cell past the header's last column (the file is shifted, or a delimiter is wrong). */
export function overflowError(row: TableRow, headers: string[]): string | null {
  const extra = row.cells.slice(headers.length).some((c) => c.trim() !== '')
  return extra ? `This row has ${row.cells.length} cells but the header has ${headers.length} columns.` : null
}

/** The same key on several rows: each of those rows gets the message, naming the others. */
export function duplicatesIn<T>(rows: readonly T[], keyOf: (row: T) => string | null, lineOf: (row: T) => number): Map<T, number[]> {
  const lines = new Map<string, number[]>()
  for (const row of rows) {
    const key = keyOf(row)
    if (!key) continue
    const list = lines.get(key)
    if (list) list.push(lineOf(row))
    else lines.set(key, [lineOf(row)])
  }
  const out = new Map<T, number[]>()
  for (const row of rows) {
    const key = keyOf(row)
    const list = key ? lines.get(key) : undefined
    if (list && list.length > 1) out.set(row, list)
  }
  return out
}

/** "rows 3 and 7", "rows 3, 7 and 9". */
export function rowList(lines: number[]): string {
  const sorted = [...lines].sort((a, b) => a - b)
  const shown = sorted.slice(0, 5)
  const tail = sorted.length > 5 ? ` and ${sorted.length - 5} more` : ''
  if (shown.length === 1) return `row ${shown[0]}`
  return `rows ${shown.slice(0, -1).join(', ')}${tail ? `, ${shown.at(-1)}` : ` and ${shown.at(-1)}`}${tail}`
}

/** The value of `values` a cell names, in any case ("sip" is SIP, "agent" is Agent), or null. */
export function oneOfIgnoringCase<T extends string>(values: readonly T[], cell: string): T | null {
  const lower = cell.toLowerCase()
  return values.find((v) => v.toLowerCase() === lower) ?? null
}
