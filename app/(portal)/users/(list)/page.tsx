import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { hasFilters, NO_FILTERS, parseUserListParams, userListHref, userListQuery } from '@/lib/users/list-params'
import { loadUsersListPage } from '@/lib/users/list-users-page'
import { SavedViews } from './saved-views'
import { ListNavigationProvider, ListOutcome, ListRegion } from './list-navigation'
import { ExportLinks } from './export-links'
import { Pagination } from './pagination'
import { UsersFilters } from './users-filters'
import { UsersTable } from './users-table'
import { PageFlash } from '@/app/_flash/page-flash'

export const metadata: Metadata = { title: 'Users' }

const number = new Intl.NumberFormat('en-GB')

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('users.read')
  const raw = await searchParams
  const params = parseUserListParams(raw)
  // A GET form without JavaScript sends every field, empty ones too (`?q=&status=`): one redirect to the clean URL.
  if (Object.values(raw).some((v) => v === '' || (Array.isArray(v) && v.includes('')))) {
    const clean = userListQuery(params)
    redirect(clean.size ? `/users?${clean}` : '/users')
  }
  const { page, options, views } = await loadUsersListPage(await getDb(), user, params)
  const currentQuery = userListQuery(params, { page: 1 }).toString()
  // A saved view's link says which view it opened: if it lost a filter (a deleted group or profile), say so here.
  const opened = typeof raw.view === 'string' ? views.find((v) => v.id === raw.view) : undefined
  const total = page.total.capped ? null : page.total.count
  const first = (params.page - 1) * params.size + 1
  const countText = page.total.capped ? `${number.format(page.total.count)}+` : number.format(page.total.count)

  return (
    <>
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Users</h1>
        {user.permissions.has('users.create') && (
          <div className="flex items-center gap-2">
            <Link href="/users/import" prefetch={false} className="btn-secondary no-underline">
              Import
            </Link>
            <Link href="/users/new" className="btn-primary no-underline">
              Create
            </Link>
          </div>
        )}
      </div>
      <PageFlash
        messages={{
          'user-deleted': (
            <>
              User deleted. <Link href="/settings/deleted-users">Deleted users</Link> can bring them back.
            </>
          ),
        }}
      />
      <ListNavigationProvider>
        <UsersFilters params={params} options={options} />
        <SavedViews views={views} currentQuery={currentQuery} canShare={user.permissions.has('settings.manage')} />
        {opened?.dropped && (
          <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The view “{opened.name}” opened without its filter on {opened.dropped}.
          </p>
        )}
        <ListOutcome />
        <ListRegion rows={Math.max(page.rows.length, 3)}>
          {page.rows.length > 0 ? (
            <>
              <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
                <p className="text-sm text-slate-600" aria-live="polite">
                  {`Showing ${number.format(first)}–${number.format(first + page.rows.length - 1)} of ${countText} users`}
                </p>
                <div className="flex flex-wrap items-center gap-3">
                  {user.permissions.has('users.update') && total !== null && (
                    // Without JavaScript there is no selection: the page edits every user of this view.
                    <noscript>
                      <a href={`/users/bulk-edit${currentQuery ? `?${currentQuery}` : ''}`} className="btn-secondary no-underline">
                        Edit all {number.format(total)} matching
                      </a>
                    </noscript>
                  )}
                  {user.permissions.has('users.export') && <ExportLinks query={currentQuery} />}
                </div>
              </div>
              <UsersTable
                rows={page.rows}
                params={params}
                can={{ update: user.permissions.has('users.update'), delete: user.permissions.has('users.delete') }}
                timeZone={user.timeZone}
                total={total}
                options={options}
              />
              <Pagination params={params} total={page.total} />
            </>
          ) : hasFilters(params) || params.page > 1 ? (
            <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
              <p className="font-medium">No users match this search.</p>
              <p className="mt-2">
                <Link href={userListHref(params, { ...NO_FILTERS, page: 1 })}>Clear all filters</Link>
              </p>
            </div>
          ) : (
            <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
              <p className="font-medium">No users yet.</p>
              {user.permissions.has('users.create') && (
                <p className="mt-2">
                  <Link href="/users/new">Create the first one</Link>
                </p>
              )}
            </div>
          )}
        </ListRegion>
      </ListNavigationProvider>
    </>
  )
}
