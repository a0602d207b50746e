import 'server-only'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { neutralise } from '@/lib/imports/formula-cells'
import { EXPORT_COLUMNS, type ExportRow } from '@/lib/users/list-export-columns'

const BOM = '\uFEFF'
/** `YYYY-MM-DD HH:MM:SS`, UTC: what the CSV exports write for a time. */
export const utc = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ')

/** A row's cells as text: UTC times, Yes/No; for a spreadsheet (CSV) also neutralised against formula injection. */
export function textCells(row: ExportRow, forSpreadsheet = false): string[] {
  return EXPORT_COLUMNS.map(({ key }) => {
    const v = row[key]
    if (v === null || v === undefined) return ''
    if (v instanceof Date) return utc(v)
    if (typeof v === 'boolean') return v ? 'Yes' : 'No'
    return forSpreadsheet ? neutralise(String(v)) : String(v)
  })
}

/**
 * CSV (RFC 4180 via papaparse, CRLF, UTF-8 with a BOM so Excel reads it right),
 * pulled batch by batch: the next batch is read from the database only when
 * the client has taken the previous one (backpressure). Every pull enqueues or
 * closes, or the reader would wait for ever; empty batches are skipped.
 */
export function csvStream<T>(
  header: string[],
  batches: AsyncIterator<T[]>,
  cells: (row: T) => string[],
  onDone: (rows: number) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let count = 0
  let started = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true
          controller.enqueue(encoder.encode(BOM + Papa.unparse([header], { newline: '\r\n' }) + '\r\n'))
          return
        }
        for (;;) {
          const next = await batches.next()
          if (next.done) {
            await onDone(count)
            controller.close()
            return
          }
          if (!next.value.length) continue
          count += next.value.length
          controller.enqueue(encoder.encode(Papa.unparse(next.value.map(cells), { newline: '\r\n', quotes: false }) + '\r\n'))
          return
        }
      },
      async cancel() {
        await batches.return?.(undefined)
      },
    },
    { highWaterMark: 1 },
  )
}

/**
 * XLSX with exceljs's streaming writer: one sheet, typed cells (dates are
 * dates), bold frozen header, auto-filter, set widths. Rows are committed as
 * they come and the writer waits for the client when its buffer is full.
 */
export function xlsxStream(
  batches: AsyncIterator<ExportRow[]>,
  sheetTitle: string,
  onDone: (rows: number) => Promise<void>,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(sheetTitle.slice(0, 31) || 'Users', { views: [{ state: 'frozen', ySplit: 1 }] })
  const widths: Record<string, number> = {
    fullName: 28,
    username: 20,
    email: 32,
    extension: 11,
    extensionType: 14,
    role: 12,
    profile: 20,
    groups: 36,
    status: 10,
    forceLogin: 12,
    lastLoginAt: 20,
    createdAt: 20,
  }
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: widths[c.key] ?? 16 }))
  sheet.getRow(1).font = { bold: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } }
  sheet.getRow(1).commit()
  for (const key of ['lastLoginAt', 'createdAt']) sheet.getColumn(key).numFmt = 'yyyy-mm-dd hh:mm'

  const drained = () => new Promise<void>((resolve) => out.once('drain', resolve))
  void (async () => {
    let count = 0
    try {
      for (;;) {
        // The client went away: stop reading the database.
        if (out.destroyed) {
          await batches.return?.(undefined)
          return
        }
        const next = await batches.next()
        if (next.done) break
        for (const r of next.value) {
          sheet
            .addRow({
              ...Object.fromEntries(
                EXPORT_COLUMNS.map(({ key }) => [key, typeof r[key] === 'string' ? neutralise(r[key] as string) : r[key]]),
              ),
              forceLogin: r.forceLogin ? 'Yes' : 'No',
            })
            .commit()
        }
        count += next.value.length
        if (out.writableNeedDrain) await drained()
      }
      await sheet.commit()
      await workbook.commit()
      await onDone(count)
    } catch (error) {
      out.destroy(error as Error)
    }
  })()
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}
