import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { mayActOnUsers } from '@/lib/auth/privilege'
import { requirePermission } from '@/lib/auth/session'
import { findUser } from '@/lib/users/find-user'
import { viewUser } from '@/lib/users/view-user'
import { PASSWORD_STATE_LABELS } from '@/lib/users/password-state'
import { DateTime } from '@/app/_components/date-time'
import { PageHeader } from '@/app/_components/page-bits'
import { objectTitle } from '../../page-title'
import { SessionSection } from '../../_sessions/session-section'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const { id } = await params
  return objectTitle('users.read', 'User', async (db, _tenantId, viewer) => (await findUser(db, viewer, id))?.fullName)
}

/**
 * A user, read-only: what someone with users.read (a supervisor) opens from the
 * list instead of an Edit they may not use. Edit and Delete are offered only to
 * a viewer who may do them to this user.
 */
export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('users.read')
  const db = await getDb()
  const user = await viewUser(db, actor, (await params).id)
  if (!user) notFound()
  const reachable = await mayActOnUsers(db, actor, [user.id])
  const canEdit = reachable && actor.permissions.has('users.update')
  const canDelete = reachable && actor.permissions.has('users.delete') && actor.id !== user.id
  const none = <span className="text-slate-600">—</span>
  const facts: [string, React.ReactNode][] = [
    ['Username', user.username],
    ['Email', user.email],
    ['Extension', user.extensionNumber ? `${user.extensionNumber} (${user.extensionType})` : none],
    ['Role', user.role],
    ['Profile', user.profileName ?? none],
    ['Groups', user.groups.map((g) => g.name).join(', ') || none],
    ['Status', user.status === 'active' ? 'Active' : 'Inactive'],
    ['Password', PASSWORD_STATE_LABELS[user.passwordState]],
    ['Force login', user.forceLogin ? 'Yes' : 'No'],
    ['Job title', user.jobTitle || none],
    ['Department', user.department || none],
    ['Mobile', user.mobile || none],
    ['Hide from directory', user.hideFromDirectory ? 'Yes' : 'No'],
    [`Last login (${actor.timeZone})`, user.lastLoginAt ? <DateTime value={user.lastLoginAt} timeZone={actor.timeZone} /> : 'Never'],
  ]
  return (
    <>
      <PageHeader
        back={{ href: '/users', label: 'Users', current: user.fullName }}
        title={user.fullName}
        action={canEdit ? { href: `/users/${user.id}/edit`, label: 'Edit' } : undefined}
      />
      <p className="mt-1 flex gap-4 text-sm">
        <Link href={`/users/${user.id}/login-times`}>Login times</Link>
        {canDelete && <Link href={`/users/${user.id}/delete`}>Delete</Link>}
      </p>
      <dl className="mt-6 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-6 text-sm sm:grid-cols-[12rem_1fr]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <SessionSection
        tenantId={actor.tenantId}
        userId={user.id}
        whose={user.fullName}
        timeZone={actor.timeZone}
        canSignOut={canEdit && user.id !== actor.id}
      />
    </>
  )
}
