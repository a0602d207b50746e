import 'server-only'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'

/** What an import reads: at most 20 MB and 100,000 rows, checked before anything else is done with the file. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024
export const IMPORT_MAX_ROWS = 100_000

export interface TableRow {
  /** The file's own line number (CSV; a quoted cell may span lines) or sheet row number (xlsx). */
  line: number
  cells: string[]
}

export interface TableFile {
  format: 'csv' | 'xlsx'
  headers: string[]
  rows: TableRow[]
}

/** A file the import can't read, with the sentence the admin sees (the upload form, the API's 422). */
export class ImportFileError extends Error {}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
export const TOO_LARGE_MESSAGE = `This file is larger than ${MB(IMPORT_MAX_BYTES)}. Split it into smaller files and import them one by one.`
const TOO_MANY_ROWS = `This file has more than ${IMPORT_MAX_ROWS.toLocaleString('en-GB')} rows. Split it into files of at most ${IMPORT_MAX_ROWS.toLocaleString('en-GB')} rows.`
const NOT_A_TABLE = 'This isn’t a CSV or Excel file: it holds binary data. Upload a CSV (UTF-8) or an Excel workbook (.xlsx).'

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

/**
 * Reads an uploaded CSV or xlsx into a header and rows of text cells. The
 * format comes from the bytes (an xlsx is a zip), not from the name. CSV must
 * be UTF-8 (a BOM is fine); anything else is reported with the line of the
 * first byte that isn't, never decoded into mojibake. Comma or semicolon is
 * detected; line endings may be mixed. Cells are text as written: nothing is
 * evaluated, an xlsx formula gives its last computed value.
 */
export async function readTableFile(bytes: Uint8Array): Promise<TableFile> {
  if (bytes.length === 0) throw new ImportFileError('This file is empty.')
  if (bytes.length > IMPORT_MAX_BYTES) throw new ImportFileError(TOO_LARGE_MESSAGE)
  if (startsWith(bytes, OLE)) {
    throw new ImportFileError('Old Excel files (.xls) can’t be read. In Excel, save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”.')
  }
  const table = startsWith(bytes, ZIP) ? await readXlsx(bytes) : readCsv(bytes)
  const headers = table.headers.map((h) => h.trim())
  if (!headers.some(Boolean)) throw new ImportFileError('This file is empty.')
  if (!table.rows.length) throw new ImportFileError('This file has a header row but no rows to import.')
  return { ...table, headers }
}

/** The 1-based line of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // Strips a BOM; fatal: a byte sequence that isn't UTF-8 throws instead of becoming U+FFFD.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const offset = firstBadByte(bytes)
    throw new ImportFileError(
      `This file isn’t UTF-8 text (line ${lineAt(bytes, offset)} has a character in another encoding, probably Windows-1252). In Excel choose “CSV UTF-8” when saving, then upload it again.`,
    )
  }
}

/** The offset of the first byte that isn't part of a valid UTF-8 sequence. */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0
  let hi = bytes.length
  // The longest prefix that decodes: binary search on prefixes, a few dozen decodes at most.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true })
      lo = mid
    } catch {
      hi = mid
    }
  }
  return lo
}

function readCsv(bytes: Uint8Array): TableFile {
  // Text files don't hold NUL: one in the first 8 KB means an image, an archive, a PDF…
  if (bytes.subarray(0, 8192).includes(0)) throw new ImportFileError(NOT_A_TABLE)
  // One kind of line ending: Windows, Unix and old Mac ones may be mixed in a file edited in several places.
  const text = decodeUtf8(bytes).replace(/\r\n?/g, '\n')
  const rows: TableRow[] = []
  let headers: string[] | null = null
  let line = 1
  let cursor = 0
  let failure: string | null = null
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';'],
    newline: '\n',
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      // The row's first line: newlines between the last row's end and this one's start (blank lines are skipped).
      const end = result.meta.cursor
      let start = cursor
      while (start < end && text[start] === '\n') {
        line++
        start++
      }
      const rowLine = line
      for (let i = start; i < end; i++) if (text[i] === '\n') line++
      cursor = end
      const error = result.errors.find((e) => e.type === 'Quotes')
      if (error) {
        failure = `Line ${rowLine}: a quoted cell is never closed. Check the quotes on that line.`
        parser.abort()
        return
      }
      if (!headers) {
        headers = result.data
        return
      }
      if (rows.length === IMPORT_MAX_ROWS) {
        failure = TOO_MANY_ROWS
        parser.abort()
        return
      }
      rows.push({ line: rowLine, cells: result.data })
    },
  })
  if (failure) throw new ImportFileError(failure)
  return { format: 'csv', headers: headers ?? [], rows }
}

/** A cell as text: rich text joined, a formula's last value, a hyperlink's text, a date as ISO (never evaluated). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value !== 'object') return String(value)
  const v = value as {
    richText?: { text: string }[]
    result?: unknown
    formula?: string
    sharedFormula?: string
    text?: unknown
    error?: string
  }
  if (v.richText) return v.richText.map((r) => r.text).join('')
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? '' : cellText(v.result)
  if (v.text !== undefined) return cellText(v.text)
  if (v.error) return v.error
  return ''
}

async function readXlsx(bytes: Uint8Array): Promise<TableFile> {
  const rows: TableRow[] = []
  let headers: string[] | null = null
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    })
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based and sparse: column A is index 1.
        const values = row.values as unknown[]
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]))
        if (!cells.some((c) => c.trim())) continue
        if (!headers) {
          headers = cells
          continue
        }
        if (rows.length === IMPORT_MAX_ROWS) throw new ImportFileError(TOO_MANY_ROWS)
        rows.push({ line: row.number, cells })
      }
      // The first sheet only: the export writes one, and a second is usually notes.
      break
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    // The admin gets a plain sentence; the operator gets what kind of failure it was, so a workbook that Excel opens
    // but this reader doesn't can be told from a broken file. Only a code-like message: a free text could quote a cell
    // (an imported file may hold passwords).
    const message = error instanceof Error && /^[A-Z0-9_]{1,40}$/.test(error.message) ? `: ${error.message}` : ''
    console.warn(`[import] xlsx reader failed (${error instanceof Error ? error.name : typeof error}${message})`)
    throw new ImportFileError('This file is not a readable Excel workbook (.xlsx). Open it in Excel and save it again, or upload a CSV.')
  }
  return { format: 'xlsx', headers: headers ?? [], rows }
}
