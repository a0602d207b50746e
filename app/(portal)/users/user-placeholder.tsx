import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ComingSoon } from '@/app/_components/coming-soon'
import { getDb } from '@/db/client'
import type { Permission } from '@/lib/auth/permissions'
import { requirePermission } from '@/lib/auth/session'
import { findUser } from '@/lib/users/find-user'

/** A user's page that a later release fills in: checks access and that the user is this workspace's. */
export async function UserPlaceholder({ id, permission, title, what }: { id: string; permission: Permission; title: string; what: string }) {
  const actor = await requirePermission(permission)
  const user = await findUser(await getDb(), actor.tenantId, id)
  if (!user) notFound()
  return (
    <>
      <p className="text-sm">
        <Link href="/users">Users</Link> / {user.fullName}
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        {title}: {user.fullName}
      </h1>
      <ComingSoon>{what}</ComingSoon>
    </>
  )
}
