import 'server-only'
import { jsPDF } from 'jspdf'
import { autoTable } from 'jspdf-autotable'
import { EXPORT_COLUMNS, type ExportRow } from './export-rows'
import { textCells } from './formats'

/** PDFs are built in memory: past this many rows the export answers with CSV/Excel instead. */
export const PDF_ROW_CAP = 10_000

/** A landscape A4 table: title with the workspace, the filter summary, the time, and "Page n of N" on every page. */
export function buildUsersPdf(rows: ExportRow[], meta: { workspace: string; filters: string; generatedAt: Date }): ArrayBuffer {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'pt', format: 'a4' })
  const generated = `Generated ${meta.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  autoTable(doc, {
    head: [EXPORT_COLUMNS.map((c) => c.header)],
    body: rows.map((r) => textCells(r)),
    startY: 78,
    margin: { top: 78, bottom: 36, left: 24, right: 24 },
    styles: { fontSize: 7, cellPadding: 3, overflow: 'linebreak' },
    headStyles: { fillColor: [67, 56, 202] },
    didDrawPage: () => {
      doc.setFontSize(14)
      doc.text(`Users — ${meta.workspace}`, 24, 32)
      doc.setFontSize(8)
      doc.text(meta.filters, 24, 48, { maxWidth: doc.internal.pageSize.getWidth() - 48 })
      doc.text(generated, 24, 64)
    },
  })
  // Page numbers once the total is known.
  const pages = doc.getNumberOfPages()
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i)
    doc.setFontSize(8)
    doc.text(`Page ${i} of ${pages}`, doc.internal.pageSize.getWidth() - 24, doc.internal.pageSize.getHeight() - 16, { align: 'right' })
  }
  return doc.output('arraybuffer')
}
