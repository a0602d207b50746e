import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { listDeletedUsers } from '@/lib/users/list-deleted-users'
import { RestoreList } from './restore-list'

export const metadata: Metadata = { title: 'Deleted users' }

export default async function DeletedUsersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePermission('users.delete')
  const raw = Number((await searchParams).page)
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1
  const { rows, hasMore } = await listDeletedUsers(await getDb(), user.tenantId, page)
  return (
    <>
      <p className="text-sm">
        <Link href="/settings">Settings</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Deleted users</h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        Deleted users can’t sign in and their API tokens don’t work. Restoring gives them back their access and, if it is still free, their extension.
      </p>
      <RestoreList rows={rows} />
      {(page > 1 || hasMore) && (
        <nav aria-label="Pages" className="mt-4 flex gap-2">
          {page > 1 && <Link href={`/settings/deleted-users?page=${page - 1}`}>Previous</Link>}
          {hasMore && <Link href={`/settings/deleted-users?page=${page + 1}`}>Next</Link>}
        </nav>
      )}
    </>
  )
}
