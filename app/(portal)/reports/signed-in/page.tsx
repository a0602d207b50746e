import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { BOARD_PEOPLE, signedInBoard } from '@/lib/sessions/list-signed-in'
import { DateTime, SinceTime } from '@/app/_components/date-time'
import { PageHeader, TableFrame } from '@/app/_components/page-bits'
import { LiveRefresh } from './live-refresh'

export const metadata: Metadata = { title: 'Signed in now' }

const number = new Intl.NumberFormat('en-GB')

/**
 * Reports › Signed in now: who has a live dashboard session, by group and
 * role; force-login users are the ones whose extension takes calls. With
 * JavaScript it follows every sign-in and sign-out (Server-Sent Events fed by
 * PostgreSQL LISTEN/NOTIFY); without, `Refresh`.
 */
export default async function SignedInNowPage() {
  const user = await requirePermission('reports.read')
  const board = await signedInBoard(await getDb(), user)
  const counts: [string, number][] = [
    ['Signed in now', board.total],
    ['Can take calls (force login)', board.forceLogin],
    ['Admins', board.byRole.Admin],
    ['Supervisors', board.byRole.Supervisor],
    ['Agents', board.byRole.Agent],
  ]
  return (
    <>
      <PageHeader back={{ href: '/reports', label: 'Reports', current: 'Signed in now' }} title="Signed in now" />
      <p className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>
          As of <DateTime value={new Date()} timeZone={user.timeZone} />
        </span>
        <LiveRefresh />
        <Link href="/reports/signed-in" prefetch={false}>
          Refresh
        </Link>
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {counts.map(([label, n]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold" data-testid={`count-${label}`}>
              {number.format(n)}
            </dd>
          </div>
        ))}
      </dl>

      <h2 className="mt-8 text-lg font-semibold">By group</h2>
      <TableFrame className="mt-3">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Signed in</th>
            <th scope="col">Force login</th>
          </tr>
        </thead>
        <tbody>
          {board.byGroup.map((g) => (
            <tr key={g.id ?? 'none'}>
              <th scope="row">
                {g.id ? (
                  <Link href={`/users?signedIn=now&group=${g.id}`} prefetch={false}>
                    {g.name}
                  </Link>
                ) : (
                  g.name
                )}
              </th>
              <td>{number.format(g.signedIn)}</td>
              <td>{number.format(g.forceLogin)}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>

      <h2 className="mt-8 text-lg font-semibold">Who</h2>
      {board.people.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Nobody is signed in.</p>
      ) : (
        <TableFrame className="mt-3">
          <thead>
            <tr>
              <th scope="col">Full name</th>
              <th scope="col">Role</th>
              <th scope="col">Extension</th>
              <th scope="col">Force login</th>
              <th scope="col">Groups</th>
              <th scope="col">Since ({user.timeZone})</th>
            </tr>
          </thead>
          <tbody>
            {board.people.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link href={`/users/${p.id}`} prefetch={false}>
                    {p.fullName}
                  </Link>
                </th>
                <td>{p.role}</td>
                <td>{p.extensionNumber ?? <span className="muted">—</span>}</td>
                <td>{p.forceLogin ? <strong>Takes calls</strong> : <span className="muted">No</span>}</td>
                <td>{p.groups.join(', ') || <span className="muted">—</span>}</td>
                <td>
                  <SinceTime value={p.since} timeZone={user.timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      {board.total > board.people.length && (
        <p className="mt-2 text-sm text-slate-600">
          The first {number.format(BOARD_PEOPLE)} by name;{' '}
          <Link href="/users?signedIn=now">all {number.format(board.total)} in the users list</Link>.
        </p>
      )}
    </>
  )
}
