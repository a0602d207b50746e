import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { exportRows } from '@/lib/exports/export-rows'
import { EXPORT_COLUMNS, type ExportRow } from '@/lib/users/list-export-columns'
import { filterSummary } from '@/lib/exports/export-users'
import { textCells } from '@/lib/exports/formats'
import { PDF_ROW_CAP } from '@/lib/exports/pdf'
import { loadFilterOptions } from '@/lib/users/list-filter-options'
import { parseUserListParams, userListHref } from '@/lib/users/list-params'
import { AutoPrint } from './auto-print'

export const metadata: Metadata = { title: 'Users — print' }

/**
 * A print-friendly page of the users list's current view: no navigation, the
 * header row repeats on every printed page (print.css), and it opens the print
 * dialog when JavaScript is on. Capped like the PDF.
 */
export default async function PrintUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('users.export')
  const params = { ...parseUserListParams(await searchParams), page: 1 }
  const db = await getDb()
  const rows: ExportRow[] = []
  for await (const batch of exportRows(db, user, params)) {
    rows.push(...batch)
    if (rows.length > PDF_ROW_CAP) break
  }
  const tooMany = rows.length > PDF_ROW_CAP
  const summary = filterSummary(params, await loadFilterOptions(db, user))
  return (
    <main className="print-page p-6">
      <h1 className="text-xl font-semibold">Users — {user.tenantName}</h1>
      <p className="mt-1 text-sm">{summary}</p>
      <p className="text-sm text-slate-600">
        Printed {new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by {user.username}
      </p>
      <p className="no-print mt-2 text-sm">
        <a href={userListHref(params)}>Back to the list</a>
      </p>
      {tooMany ? (
        <p role="alert" className="mt-6">
          This view has more than {PDF_ROW_CAP.toLocaleString('en-GB')} users, too many to print. Export it as CSV or Excel from the list
          instead, or narrow it first.
        </p>
      ) : (
        <>
          <table className="print-table mt-4 w-full text-xs">
            <thead>
              <tr>
                {EXPORT_COLUMNS.map((c) => (
                  <th key={c.key} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {textCells(r).map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs">{rows.length.toLocaleString('en-GB')} users</p>
          <AutoPrint />
        </>
      )}
    </main>
  )
}
