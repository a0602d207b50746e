import { searchTerm } from '@/lib/validation/text-rules'
import type { Metadata } from 'next'
import Link from 'next/link'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { listExtensions } from '@/lib/extensions/list-extensions'
import { RangeForm } from './range-form'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'

export const metadata: Metadata = { title: 'Extensions' }

export default async function ExtensionsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requirePermission('extensions.manage')
  const query = await searchParams
  const q = searchTerm(query.q, 100)
  const page = pageParam(query.page)
  const { rows, hasMore } = await listExtensions(await getDb(), actor.tenantId, { q, page })
  return (
    <>
      <PageHeader
        back={{ href: '/settings', label: 'Settings' }}
        title="Extensions"
        action={{ href: '/settings/extensions/new', label: 'New extension' }}
      />
      <p className="mt-2 text-sm">
        <Link href="/settings/extensions/import">Import</Link> extensions from a CSV or Excel file.
      </p>
      <PageFlash messages={{ 'extension-deleted': 'Extension deleted.' }} />
      <form
        method="get"
        action="/settings/extensions"
        role="search"
        aria-label="Search extensions"
        className="mt-6 flex flex-wrap items-end gap-3"
      >
        <div>
          <label htmlFor="extensions-q" className="field-label">
            Search
          </label>
          <input
            id="extensions-q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Number or user"
            className="field-input w-64 max-w-full"
          />
        </div>
        <button type="submit" className="btn-primary">
          Search
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>{q ? 'No extension matches this search.' : 'No extensions yet.'}</EmptyState>
      ) : (
        <TableFrame>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Type</th>
              <th scope="col">User</th>
              <th scope="col">Voicemail</th>
              <th scope="col">
                <span className="sr-only">Edit</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.number}</th>
                <td>{x.type}</td>
                <td>{x.userName ? `${x.userName} (${x.username})` : <span className="muted">Free</span>}</td>
                <td>{x.voicemailEnabled ? 'On' : <span className="muted">Off</span>}</td>
                <td>
                  <Link href={`/settings/extensions/${x.id}`} aria-label={`Edit extension ${x.number}`} prefetch={false}>
                    Edit
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <SimplePager path={q ? `/settings/extensions?q=${encodeURIComponent(q)}` : '/settings/extensions'} page={page} hasMore={hasMore} />
      <RangeForm />
    </>
  )
}
