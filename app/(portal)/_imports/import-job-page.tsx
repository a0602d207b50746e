import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { sessionActor } from '@/lib/auth/actor'
import { importRows, loadImportJob, type ImportJobView } from '@/lib/imports/import-jobs'
import { ROW_ACTION_LABELS, rowErrorText, summaryLine, type PreviewRow, type RowAction } from '@/lib/imports/import-report'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { PageHeader, TableFrame } from '@/app/_components/page-bits'
import { AutoRefresh } from './auto-refresh'
import { plural, type ImportKindPage } from './import-kinds'
import { kickImportWorker } from './import-worker'

const PAGE_SIZE = 100
const ACTIONS: RowAction[] = ['create', 'update', 'unchanged', 'error']

type Search = { show?: string; page?: string }

/** One import's page: its preview, its progress, or its result, whichever the job is at. Only its uploader sees it. */
export async function ImportJobPage({
  kind,
  id,
  search,
  start,
}: {
  kind: ImportKindPage
  id: string
  search: Search
  start: (id: string, form: FormData) => Promise<never>
}) {
  const actor = await sessionActor(kind.processor.permission)
  const db = await getDb()
  const job = await loadImportJob(db, actor, id, kind.kind)
  if (!job) notFound()
  const running = job.status === 'queued' || job.status === 'running'
  // A job left waiting (its instance restarted) is taken up by whichever instance shows it.
  if (running) kickImportWorker()
  const show = ACTIONS.includes(search.show as RowAction) ? (search.show as RowAction) : null
  const page = pageParam(search.page)
  const from = job.phase === 'import' && job.status === 'done' ? 'result' : 'preview'
  const rows = job.status === 'done' ? await importRows(db, actor, id, { from, action: show, page, size: PAGE_SIZE }) : null
  const startAction = start.bind(null, id)

  return (
    <>
      <PageHeader back={{ href: kind.base, label: kind.title }} title={job.fileName} />
      {running && <Progress job={job} noun={kind.noun} />}
      {job.status === 'failed' && (
        <div role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p>{job.error}</p>
          <p className="mt-2">
            <Link href={kind.base}>Upload a file</Link>
          </p>
        </div>
      )}
      {job.status === 'failed' && job.phase === 'import' && <ImportForm job={job} noun={kind.noun} action={startAction} />}
      {job.status === 'done' && job.phase === 'preview' && job.preview && (
        <section aria-labelledby="preview-heading" className="mt-6">
          <h2 id="preview-heading" className="text-lg font-semibold">
            Preview
          </h2>
          <p className="mt-1 text-sm font-medium">{summaryLine(job.preview.summary)}</p>
          <BlankCellsNote kind={kind} />
          <IgnoredColumns job={job} />
          <ImportForm job={job} noun={kind.noun} action={startAction} />
        </section>
      )}
      {job.status === 'done' && job.phase === 'import' && job.result && <ResultSummary job={job} kind={kind} action={startAction} />}
      {rows && (
        <RowsTable
          base={`${kind.base}/${id}`}
          rows={rows.rows}
          total={rows.total}
          page={page}
          show={show}
          counts={from === 'preview' ? job.preview?.summary : null}
        />
      )}
    </>
  )
}

function Progress({ job, noun }: { job: ImportJobView; noun: string }) {
  const importing = job.phase === 'import'
  const label = importing
    ? job.progressTotal
      ? `Importing: ${job.progressDone.toLocaleString('en-GB')} of ${plural(job.progressTotal, noun)} written…`
      : 'Importing: checking the rows again…'
    : 'Reading and checking the file…'
  return (
    <div className="mt-6 max-w-xl" role="status">
      <p className="text-sm">{label}</p>
      <progress
        className="mt-2 w-full"
        aria-label={importing ? 'Import progress' : 'Preview progress'}
        max={job.progressTotal || undefined}
        value={job.progressTotal ? job.progressDone : undefined}
      />
      <p className="mt-1 text-xs text-slate-500">
        This page updates by itself. You can leave it: the import goes on, and this page shows the result.
      </p>
      <AutoRefresh />
    </div>
  )
}

function BlankCellsNote({ kind }: { kind: ImportKindPage }) {
  return (
    <p className="mt-2 max-w-3xl text-sm text-slate-600">
      Rows are matched by {kind.kind === 'users' ? 'Username (or Email when the file has no Username column)' : 'Number'}. On an update a
      blank cell leaves the field as it is
      {kind.kind === 'users'
        ? '; a Groups cell replaces the user’s groups; a blank Profile is dropped when the Role changes. New users without a Password can’t sign in until one is set.'
        : '.'}
    </p>
  )
}

function IgnoredColumns({ job }: { job: ImportJobView }) {
  const { unknownColumns, readOnlyColumns } = job.preview!
  if (!unknownColumns.length && !readOnlyColumns.length) return null
  return (
    <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
      {unknownColumns.length > 0 && <li>Unknown columns, ignored: {unknownColumns.join(', ')}.</li>}
      {readOnlyColumns.length > 0 && <li>Exported for information, never imported: {readOnlyColumns.join(', ')}.</li>}
    </ul>
  )
}

function ImportForm({ job, noun, action }: { job: ImportJobView; noun: string; action: (form: FormData) => Promise<never> }) {
  const summary = job.preview?.summary
  if (!summary) return null
  const writes = summary.create + summary.update
  if (writes === 0) {
    return <p className="mt-4 text-sm">Nothing to import: {summary.error ? 'every other row is unchanged.' : 'every row is unchanged.'}</p>
  }
  return (
    <form action={action} className="mt-4 flex flex-wrap items-center gap-4">
      {summary.error > 0 && (
        <div className="flex items-center gap-2">
          <input id="skipErrors" name="skipErrors" type="checkbox" defaultChecked={!!job.options.skipErrors} />
          <label htmlFor="skipErrors">Skip rows with errors</label>
        </div>
      )}
      <button type="submit" className="btn-primary">
        Import {plural(writes, noun)}
      </button>
      {summary.error > 0 && (
        <p className="w-full text-xs text-slate-500">Without “Skip rows with errors” nothing is written while any row has an error.</p>
      )}
    </form>
  )
}

function ResultSummary({ job, kind, action }: { job: ImportJobView; kind: ImportKindPage; action: (form: FormData) => Promise<never> }) {
  const r = job.result!
  const errorsLink = r.failed > 0 && <Link href={`${kind.base}/${job.id}/errors`}>Download errors (CSV)</Link>
  if (!r.written) {
    return (
      <>
        <div role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          Nothing was imported: {plural(r.failed, 'row')} {r.failed === 1 ? 'has' : 'have'} errors. Fix them and upload the file again, or
          import the valid rows with “Skip rows with errors”.
        </div>
        <p className="mt-2 text-sm">{errorsLink}</p>
        <ImportForm job={job} noun={kind.noun} action={action} />
      </>
    )
  }
  const n = (v: number) => v.toLocaleString('en-GB')
  return (
    <section aria-labelledby="result-heading" className="mt-6">
      <h2 id="result-heading" className="text-lg font-semibold">
        Imported
      </h2>
      <p role="status" className="mt-1 text-sm font-medium">
        {n(r.created)} created · {n(r.updated)} updated · {n(r.unchanged)} unchanged · {n(r.failed)} failed
      </p>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        {kind.kind === 'users' && r.created + r.updated > 0 && <Link href={`/users?import=${job.id}`}>Show the users of this import</Link>}
        {kind.kind === 'extensions' && <Link href="/settings/extensions">Show the extensions</Link>}
        {errorsLink}
      </p>
    </section>
  )
}

function RowsTable({
  base,
  rows,
  total,
  page,
  show,
  counts,
}: {
  base: string
  rows: PreviewRow[]
  total: number
  page: number
  show: RowAction | null
  counts: Record<RowAction, number> | null | undefined
}) {
  const query = show ? `?show=${show}` : ''
  return (
    <>
      {counts && (
        <nav aria-label="Show rows" className="mt-6 flex flex-wrap gap-3 text-sm">
          <Link href={base} aria-current={show === null ? 'page' : undefined}>
            All
          </Link>
          {ACTIONS.filter((a) => counts[a] > 0).map((a) => (
            <Link key={a} href={`${base}?show=${a}`} aria-current={show === a ? 'page' : undefined}>
              {ROW_ACTION_LABELS[a]} ({counts[a].toLocaleString('en-GB')})
            </Link>
          ))}
        </nav>
      )}
      {rows.length > 0 && (
        <TableFrame className="mt-3">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Action</th>
              <th scope="col">Name</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}>
                <td className="tabular-nums">{r.line}</td>
                <td>{ROW_ACTION_LABELS[r.action]}</td>
                <td>{r.key}</td>
                <td>
                  {r.changes && (
                    <ul>
                      {r.changes.map((c) => (
                        <li key={c.field}>
                          {c.field}: {c.from || '(blank)'} → {c.to || '(blank)'}
                        </li>
                      ))}
                    </ul>
                  )}
                  {r.errors && (
                    <ul className="text-red-700">
                      {r.errors.map((e, i) => (
                        <li key={i}>{rowErrorText(e)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <SimplePager path={`${base}${query}`} page={page} hasMore={page * PAGE_SIZE < total} />
    </>
  )
}
