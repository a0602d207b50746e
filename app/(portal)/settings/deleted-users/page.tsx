import type { Metadata } from 'next'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { listDeletedUsers } from '@/lib/users/list-deleted-users'
import { RestoreList } from './restore-list'
import { PageHeader } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'Deleted users' }

export default async function DeletedUsersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePermission('users.delete')
  const page = pageParam((await searchParams).page)
  const { rows, hasMore } = await listDeletedUsers(await getDb(), user, page)
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Deleted users" />
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        Deleted users can’t sign in and their API tokens don’t work. Restoring gives them back their access and, if it is still free, their
        extension.
      </p>
      <RestoreList rows={rows} timeZone={user.timeZone} />
      <SimplePager path="/settings/deleted-users" page={page} hasMore={hasMore} />
    </>
  )
}
