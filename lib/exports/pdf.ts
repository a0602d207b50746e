import 'server-only'
import { jsPDF } from 'jspdf'
import { EXPORT_COLUMNS, type ExportRow } from '@/lib/users/list-export-columns'
import { textCells } from './formats'

/** PDFs are built in memory: past this many rows the export answers with CSV/Excel instead. */
export const PDF_ROW_CAP = 10_000

const FONT_SIZE = 7
const PAD = 3
export const PDF_ROW_HEIGHT = 11
const MARGIN = { top: 78, bottom: 36, side: 24 }
/**
 * Column widths in points (they add up to A4 landscape less the margins):
 * times, headers and the short columns fit whole; the five free-text columns
 * share the rest, and a longer value ends in "…" (CSV and Excel have it whole).
 */
const WIDTHS: Record<keyof ExportRow, number> = {
  fullName: 100,
  username: 70,
  email: 120,
  extension: 40,
  extensionType: 56,
  role: 40,
  profile: 60,
  groups: 90,
  status: 32,
  forceLogin: 44,
  lastLoginAt: 71,
  createdAt: 71,
}

/** `text` cut to fit a column `width` points wide in the document's current font, ending in "…" when cut. */
function fitText(doc: jsPDF, text: string, width: number): string {
  const max = width - 2 * PAD
  const widthOf = (s: string) => doc.getStringUnitWidth(s) * FONT_SIZE
  if (widthOf(text) <= max) return text
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (widthOf(text.slice(0, mid) + '…') <= max) lo = mid
    else hi = mid - 1
  }
  return text.slice(0, lo).trimEnd() + '…'
}

/**
 * A landscape A4 table: title with the workspace, the filter summary, the time,
 * the header row on every page and "Page n of N".
 *
 * Drawn with jsPDF column by column (one text call per column per page), not
 * with jspdf-autotable: autotable lays out and styles every cell on its own,
 * and for 10,000 rows that alone took 4–5 s on the bench machine
 * (docs/performance.md), against a 5 s target for the whole export.
 */
export function buildUsersPdf(rows: ExportRow[], meta: { workspace: string; filters: string; generatedAt: Date }): ArrayBuffer {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'pt', format: 'a4', compress: true })
  const pageWidth = doc.internal.pageSize.getWidth()
  const pageHeight = doc.internal.pageSize.getHeight()
  const tableWidth = pageWidth - 2 * MARGIN.side
  const perPage = Math.floor((pageHeight - MARGIN.top - MARGIN.bottom - PDF_ROW_HEIGHT) / PDF_ROW_HEIGHT)
  const generated = `Generated ${meta.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  const lines = rows.map((r) => textCells(r))
  const pages = Math.max(1, Math.ceil(lines.length / perPage))
  // Text sits on a baseline: this puts a 7 pt line in the middle of its row.
  const baseline = (PDF_ROW_HEIGHT + FONT_SIZE * 0.7) / 2

  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage()
    doc.setTextColor(17, 24, 39)
    doc.setFont('helvetica', 'bold')
    doc.setFontSize(14)
    doc.text(`Users — ${meta.workspace}`, MARGIN.side, 32)
    doc.setFont('helvetica', 'normal')
    doc.setFontSize(8)
    doc.text(doc.splitTextToSize(meta.filters, tableWidth).slice(0, 2), MARGIN.side, 46)
    doc.text(generated, MARGIN.side, 68)
    doc.text(`Page ${page + 1} of ${pages}`, pageWidth - MARGIN.side, pageHeight - 16, { align: 'right' })

    const chunk = lines.slice(page * perPage, (page + 1) * perPage)
    const top = MARGIN.top
    doc.setFillColor(67, 56, 202)
    doc.rect(MARGIN.side, top, tableWidth, PDF_ROW_HEIGHT, 'F')
    doc.setFillColor(243, 244, 246)
    for (let i = 1; i < chunk.length; i += 2) doc.rect(MARGIN.side, top + PDF_ROW_HEIGHT * (i + 1), tableWidth, PDF_ROW_HEIGHT, 'F')

    doc.setFontSize(FONT_SIZE)
    let x = MARGIN.side
    EXPORT_COLUMNS.forEach(({ key, header }, column) => {
      const width = WIDTHS[key]
      doc.setFont('helvetica', 'bold')
      doc.setTextColor(255, 255, 255)
      doc.text(fitText(doc, header, width), x + PAD, top + baseline)
      if (chunk.length) {
        doc.setFont('helvetica', 'normal')
        doc.setTextColor(17, 24, 39)
        doc.text(
          chunk.map((cells) => fitText(doc, cells[column]!, width)),
          x + PAD,
          top + PDF_ROW_HEIGHT + baseline,
          { lineHeightFactor: PDF_ROW_HEIGHT / FONT_SIZE },
        )
      }
      x += width
    })
  }
  return doc.output('arraybuffer')
}
