import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { findUser } from '@/lib/users/find-user'
import { listViewOf, userListHref, userListQuery } from '@/lib/users/list-params'
import { PageHeader } from '@/app/_components/page-bits'
import { UserActionLinks } from '../../(list)/row-actions'
import { objectTitle } from '../../../page-title'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const { id } = await params
  return objectTitle('users.read', 'Actions', async (db, _tenantId, viewer) => (await findUser(db, viewer, id))?.fullName)
}

/**
 * A row's `Actions` menu as a page: where the users list's Actions link goes
 * without JavaScript (with it, the menu opens in the row). The same actions,
 * and Delete still comes back to the list view it was asked from.
 */
export default async function UserActionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ back?: string | string[] }>
}) {
  const viewer = await requirePermission('users.read')
  const user = await findUser(await getDb(), viewer, (await params).id)
  if (!user) notFound()
  const list = listViewOf((await searchParams).back)
  return (
    <>
      <PageHeader back={{ href: userListHref(list), label: 'Users', current: user.fullName }} title={`Actions for ${user.fullName}`} />
      <nav aria-label="Actions" className="action-list mt-4 w-56 rounded-lg border border-slate-200 bg-white py-1">
        <UserActionLinks
          userId={user.id}
          fullName={user.fullName}
          canUpdate={viewer.permissions.has('users.update')}
          canDelete={viewer.permissions.has('users.delete')}
          listQuery={userListQuery(list).toString()}
        />
      </nav>
    </>
  )
}
