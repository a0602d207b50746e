import { PdfLink } from './pdf-link'

/**
 * Excel, PDF, CSV and Print of the whole current view (every page): plain
 * links, so they work without JavaScript; the browser's download bar shows the
 * streamed formats' progress, and the PDF link says it is working.
 */
export function ExportLinks({ query }: { query: string }) {
  const q = query ? `?${query}` : ''
  const link = 'btn-small'
  return (
    <nav aria-label="Export" className="flex gap-2">
      <a href={`/users/export/xlsx${q}`} className={link} download>
        Excel
      </a>
      <PdfLink href={`/users/export/pdf${q}`} className={link} />
      <a href={`/users/export/csv${q}`} className={link} download>
        CSV
      </a>
      <a href={`/print/users${q}`} className={link} target="_blank" rel="noopener">
        Print
      </a>
    </nav>
  )
}
