import type { Metadata } from 'next'
import Link from 'next/link'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { duration, reportRange, signedInPerDay, userActivity } from '@/lib/reports/user-activity'
import { loadFilterOptions } from '@/lib/users/list-filter-options'
import { parseUserListParams, userListQuery } from '@/lib/users/list-params'
import { UsersFilters } from '../../users/(list)/users-filters'
import { ListNavigationProvider } from '../../users/(list)/list-navigation'
import { SignedInChart } from '../signed-in-chart'

export const metadata: Metadata = { title: 'Reports › Users' }

export default async function UsersReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('reports.read')
  const raw = await searchParams
  const params = parseUserListParams(raw)
  const range = reportRange({ from: raw.from, to: raw.to }, actor.timeZone)
  const page = pageParam(raw.page)
  const db = await getDb()
  const [options, activity, days] = await Promise.all([
    loadFilterOptions(db, actor),
    userActivity(db, actor, params, range, page),
    signedInPerDay(db, actor, params, range),
  ])
  const filters = userListQuery(params, { page: 1 })
  const query = new URLSearchParams([['from', range.fromText], ['to', range.toText], ...filters]).toString()
  return (
    <>
      <PageHeader back={{ href: '/reports', label: 'Reports' }} title="Users" />
      {/* One form: the date range and the users list's filters, applied together. */}
      <ListNavigationProvider>
        <UsersFilters
          params={params}
          options={options}
          action="/reports/users"
          before={
            <>
              <div>
                <label htmlFor="from" className="field-label">
                  From
                </label>
                <input id="from" name="from" type="date" defaultValue={range.fromText} className="field-input w-auto" />
              </div>
              <div>
                <label htmlFor="to" className="field-label">
                  To
                </label>
                <input id="to" name="to" type="date" defaultValue={range.toText} className="field-input w-auto" />
              </div>
            </>
          }
          after={
            <a href={`/reports/users/export?${query}`} className="btn-secondary no-underline" download>
              Export to CSV
            </a>
          }
        />
      </ListNavigationProvider>
      <p className="mt-2 text-sm text-slate-600">Days and times in {actor.timeZone}.</p>
      <SignedInChart days={days} timeZone={actor.timeZone} />
      {activity.rows.length === 0 ? (
        <EmptyState>No sign-ins or failed attempts in this range.</EmptyState>
      ) : (
        <TableFrame>
          <caption className="sr-only">
            Sign-in activity per user from {range.fromText} to {range.toText} ({actor.timeZone})
          </caption>
          <thead>
            <tr>
              <th scope="col">Full name</th>
              <th scope="col">Username</th>
              <th scope="col">{zoneNote('First sign-in', actor.timeZone)}</th>
              <th scope="col">{zoneNote('Last sign-out', actor.timeZone)}</th>
              <th scope="col">Sessions</th>
              <th scope="col">Time signed in</th>
              <th scope="col">Failed attempts</th>
            </tr>
          </thead>
          <tbody>
            {activity.rows.map((r) => (
              <tr key={r.userId}>
                <th scope="row">
                  <Link href={`/users/${r.userId}/login-times`}>{r.fullName}</Link>
                </th>
                <td>{r.username}</td>
                <td>{r.firstSignIn ? <DateTime value={r.firstSignIn} timeZone={actor.timeZone} /> : <span className="muted">—</span>}</td>
                <td>{r.lastSignOut ? <DateTime value={r.lastSignOut} timeZone={actor.timeZone} /> : <span className="muted">—</span>}</td>
                <td>{r.sessions}</td>
                <td>{duration(r.secondsSignedIn)}</td>
                <td>{r.failedAttempts}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <SimplePager path={`/reports/users?${query}`} page={page} hasMore={activity.hasMore} />
    </>
  )
}
