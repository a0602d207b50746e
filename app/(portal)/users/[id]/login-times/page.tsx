import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import type { LoginOutcome } from '@/db/schema'
import { requirePermission } from '@/lib/auth/session'
import { findUser } from '@/lib/users/find-user'
import { listLoginTimes } from '@/lib/users/login-times'

export const metadata: Metadata = { title: 'Login times' }

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })
const OUTCOMES: Record<LoginOutcome, string> = {
  success: 'Success',
  invalid_credentials: 'Wrong password',
  inactive: 'Refused: inactive',
  throttled: 'Refused: too many attempts',
  expired: 'Session expired',
  revoked: 'Session ended by an admin',
}

export default async function LoginTimesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePermission('users.read')
  const db = await getDb()
  const user = await findUser(db, actor.tenantId, (await params).id)
  if (!user) notFound()
  const page = pageParam((await searchParams).page)
  const { rows, hasMore } = await listLoginTimes(db, actor.tenantId, user.id, page)
  return (
    <>
      <p className="text-sm">
        <Link href="/users">Users</Link> / {user.fullName}
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Login times: {user.fullName}</h1>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">{page > 1 ? 'No more sign-ins.' : 'No sign-ins yet.'}</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="data-table">
            <caption className="sr-only">Sign-ins, sign-outs and failed attempts of {user.fullName}, newest first (times in UTC)</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Event</th>
                <th scope="col">Outcome</th>
                <th scope="col">IP address</th>
                <th scope="col">Browser</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime.format(e.at)}</td>
                  <td>{e.kind === 'sign_in' ? 'Sign-in' : 'Sign-out'}</td>
                  <td className={e.outcome === 'success' ? undefined : 'text-red-700'}>{OUTCOMES[e.outcome]}</td>
                  <td>{e.ip ?? <span className="muted">—</span>}</td>
                  <td className="max-w-md truncate" title={e.userAgent}>
                    {e.userAgent || <span className="muted">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SimplePager path={`/users/${user.id}/login-times`} page={page} hasMore={hasMore} />
    </>
  )
}
