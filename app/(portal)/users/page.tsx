import type { Metadata } from 'next'
import { ComingSoon } from '@/app/_components/coming-soon'
import { requirePermission } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage() {
  await requirePermission('users.read')
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <ComingSoon>The users list (search, filters, exports) is coming in the next release.</ComingSoon>
    </>
  )
}
