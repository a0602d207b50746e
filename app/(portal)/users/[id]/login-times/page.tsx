import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import type { LoginOutcome } from '@/db/schema'
import { requirePermission } from '@/lib/auth/session'
import { findUser } from '@/lib/users/find-user'
import { listLoginTimes } from '@/lib/users/list-login-times'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { describeUserAgent } from '@/lib/http/user-agent'
import { objectTitle } from '../../../page-title'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const { id } = await params
  return objectTitle('users.read', 'Login times', async (db, _tenantId, viewer) => (await findUser(db, viewer, id))?.fullName)
}

const OUTCOMES: Record<LoginOutcome, string> = {
  success: 'Success',
  invalid_credentials: 'Wrong password',
  inactive: 'Refused: inactive',
  throttled: 'Refused: too many attempts',
  expired: 'Session expired',
  revoked: 'Session ended by an admin',
  invalid_code: 'Wrong two-factor code',
  sso_required: 'Refused: single sign-on required',
}

/** How a sign-in was proven (login_events.factor). */
const FACTORS: Record<string, string> = {
  password: 'password',
  totp: 'password + authentication code',
  recovery_code: 'password + recovery code',
  passkey: 'password + passkey',
  invitation: 'invitation link',
  sso: 'SSO',
}

export default async function LoginTimesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ page?: string }>
}) {
  const actor = await requirePermission('users.read')
  const db = await getDb()
  const user = await findUser(db, actor, (await params).id)
  if (!user) notFound()
  const page = pageParam((await searchParams).page)
  const { rows, hasMore } = await listLoginTimes(db, actor.tenantId, user.id, page)
  return (
    <>
      <PageHeader back={{ href: '/users', label: 'Users', current: user.fullName }} title={`Login times: ${user.fullName}`} />
      {rows.length === 0 ? (
        <EmptyState>{page > 1 ? 'No more sign-ins.' : 'No sign-ins yet.'}</EmptyState>
      ) : (
        <TableFrame>
          <caption className="sr-only">
            Sign-ins, sign-outs and failed attempts of {user.fullName}, newest first (times in {actor.timeZone})
          </caption>
          <thead>
            <tr>
              <th scope="col">{zoneNote('Time', actor.timeZone)}</th>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
              <th scope="col">IP address</th>
              <th scope="col">Browser</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>
                  <DateTime value={e.at} timeZone={actor.timeZone} />
                </td>
                <td>{e.kind === 'sign_in' ? 'Sign-in' : 'Sign-out'}</td>
                <td className={e.outcome === 'success' ? undefined : 'text-red-700'}>
                  {OUTCOMES[e.outcome]}
                  {e.factor && FACTORS[e.factor] ? ` (${FACTORS[e.factor]})` : ''}
                </td>
                <td>{e.ip ?? <span className="muted">—</span>}</td>
                <td>
                  {e.userAgent ? (
                    // The raw header on request: it is what a support ticket needs, not what a list needs.
                    <details>
                      <summary className="cursor-pointer">{describeUserAgent(e.userAgent)}</summary>
                      <code className="mt-1 block max-w-md text-xs break-all whitespace-normal">{e.userAgent}</code>
                    </details>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <SimplePager path={`/users/${user.id}/login-times`} page={page} hasMore={hasMore} />
    </>
  )
}
