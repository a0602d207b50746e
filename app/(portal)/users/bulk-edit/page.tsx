import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { filterSummary } from '@/lib/exports/export-users'
import { loadFilterOptions } from '@/lib/users/list-filter-options'
import { parseUserListParams, userListHref, userListQuery } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { EmptyState, PageHeader } from '@/app/_components/page-bits'
import { BulkEditForm } from '../(list)/bulk-edit-form'

export const metadata: Metadata = { title: 'Edit users' }

const number = new Intl.NumberFormat('en-GB')

/**
 * The users list's bulk Edit without JavaScript (the list links here from a
 * <noscript>): every user of the view in the URL. The count is the one the
 * admin confirms; if the view matches another number when they submit, nothing changes.
 */
export default async function BulkEditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission('users.update')
  const params = parseUserListParams(await searchParams)
  const db = await getDb()
  const [options, page] = await Promise.all([loadFilterOptions(db, user), listUsers(db, user, { ...params, page: 1, size: 25 })])
  const back = userListHref(params)
  const count = page.total.count
  const title = page.total.capped || count === 0 ? 'Edit users' : `Edit ${number.format(count)} user${count === 1 ? '' : 's'}`
  return (
    <>
      <PageHeader back={{ href: back, label: 'Users', current: 'Edit' }} title={title} />
      <p className="mt-2 text-sm text-slate-600">{filterSummary(params, options)}</p>
      {count === 0 ? (
        <EmptyState>
          <p className="font-medium">No users match this view.</p>
          <p className="mt-2">
            <Link href={back}>Back to the list</Link>
          </p>
        </EmptyState>
      ) : page.total.capped ? (
        <EmptyState>
          <p className="font-medium">This view matches more than {number.format(count)} users: narrow it first.</p>
          <p className="mt-2">
            <Link href={back}>Back to the list</Link>
          </p>
        </EmptyState>
      ) : (
        <div className="mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
          <BulkEditForm
            target={{ query: userListQuery(params, { page: 1 }).toString(), expected: count }}
            count={count}
            options={options}
            cancelHref={back}
          />
        </div>
      )}
    </>
  )
}
