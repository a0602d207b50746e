import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { mayManageTokensOf } from '@/lib/api-tokens/manage-tokens'
import { mayActOnUsers, OUTRANKED_MESSAGE } from '@/lib/auth/privilege'
import { requirePermission } from '@/lib/auth/session'
import { loadUserFormOptions } from '@/lib/users/form-options'
import { loadUserForEdit } from '@/lib/users/load-user-for-edit'
import { fieldsOf } from '../../_form/form-state'
import { updateUserAction } from '../../_form/save-user-actions'
import { UserForm } from '../../_form/user-form'
import { TokenSection } from '../../../_tokens/token-section'
import { PageHeader } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { findUser } from '@/lib/users/find-user'
import { objectTitle } from '../../../page-title'
import { mailIsDelivered } from '@/lib/mail/mail-config'
import { SignInSection } from './sign-in-section'
import { signInFactsOf } from '@/lib/users/list-sign-in-facts'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const { id } = await params
  return objectTitle('users.update', 'Edit user', async (db, _tenantId, viewer) => (await findUser(db, viewer, id))?.fullName)
}

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('users.update')
  const id = z.uuid().safeParse((await params).id)
  if (!id.success) notFound()
  const db = await getDb()
  const [current, options, reachable, signIn] = await Promise.all([
    loadUserForEdit(db, actor, id.data),
    loadUserFormOptions(db, actor, id.data),
    mayActOnUsers(db, actor, [id.data]),
    signInFactsOf(db, actor.tenantId, id.data),
  ])
  if (!current || !signIn) notFound()
  if (!reachable) {
    // Someone with more rights than the editor: say so plainly instead of a form every save of which would be refused.
    return (
      <>
        <PageHeader back={{ href: '/users', label: 'Users', current: current.fullName }} title={current.fullName} />
        <p role="alert" className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {OUTRANKED_MESSAGE.replace('this user', current.fullName)}
        </p>
      </>
    )
  }
  const { version, ...values } = current
  return (
    <>
      <PageHeader back={{ href: '/users', label: 'Users', current: current.fullName }} title={`Edit: ${current.fullName}`} />
      <p className="mt-1 flex gap-4 text-sm">
        <Link href={`/users/${id.data}#sessions`}>Sessions</Link>
        <Link href={`/users/${id.data}/login-times`}>Login times</Link>
        {actor.permissions.has('settings.manage') && (
          <Link href={`/settings/audit-log?user=${encodeURIComponent(current.username)}`}>Audit log</Link>
        )}
      </p>
      <PageFlash
        messages={{
          'user-created': 'User created.',
          'user-updated': 'Changes saved.',
          'user-invited': mailIsDelivered()
            ? 'Saved, and the invitation email is on its way.'
            : 'Saved. Email isn’t set up on this server, so the invitation was not mailed: its link is under Sign-in below.',
        }}
      />
      <UserForm
        // A newer version (after a save) starts a fresh form.
        key={version}
        mode="edit"
        action={updateUserAction.bind(null, id.data)}
        initial={{ submission: 0, values: fieldsOf(values), version, fieldErrors: {} }}
        options={options}
        canSetPassword={actor.permissions.has('users.password') && actor.id !== id.data}
        canInvite={signIn.password !== 'set' && actor.id !== id.data}
        ownAccount={actor.id === id.data}
      />
      <SignInSection tenantId={actor.tenantId} userId={id.data} fullName={current.fullName} facts={signIn} actor={actor} />
      {mayManageTokensOf({ userId: actor.id, permissions: actor.permissions }, id.data) && (
        <TokenSection tenantId={actor.tenantId} ownerId={id.data} timeZone={actor.timeZone} />
      )}
    </>
  )
}
