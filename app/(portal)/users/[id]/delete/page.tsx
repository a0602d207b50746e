import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { findUser } from '@/lib/users/find-user'
import { listViewOf, userListHref, userListQuery } from '@/lib/users/list-params'
import { deleteUserAction } from './actions'
import { DeleteForm } from './delete-form'
import { PageHeader } from '@/app/_components/page-bits'
import { objectTitle } from '../../../page-title'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const { id } = await params
  return objectTitle('users.delete', 'Delete user', async (db, _tenantId, viewer) => (await findUser(db, viewer, id))?.fullName)
}

export default async function DeleteUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ back?: string | string[] }>
}) {
  const actor = await requirePermission('users.delete')
  const user = await findUser(await getDb(), actor, (await params).id)
  if (!user) notFound()
  // The list view (filters, sort, page) this was asked from: Cancel and Delete both go back to it.
  const list = listViewOf((await searchParams).back)
  return (
    <>
      <PageHeader back={{ href: '/users', label: 'Users', current: user.fullName }} title={`Delete ${user.fullName}?`} />
      <div className="mt-4 max-w-2xl rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
        <p>
          {user.fullName} ({user.username}) leaves the users list, exports and the directory, is signed out and can’t sign in; their API
          tokens stop working and their extension is freed.
        </p>
        <p className="mt-2">You can bring them back from Settings › Deleted users.</p>
        <DeleteForm action={deleteUserAction.bind(null, user.id)} cancelHref={userListHref(list)} back={userListQuery(list).toString()} />
      </div>
    </>
  )
}
