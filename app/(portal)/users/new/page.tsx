import type { Metadata } from 'next'
import Link from 'next/link'
import { ComingSoon } from '@/app/_components/coming-soon'
import { requirePermission } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Create user' }

export default async function NewUserPage() {
  await requirePermission('users.create')
  return (
    <>
      <p className="text-sm">
        <Link href="/users">Users</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Create user</h1>
      <ComingSoon>The new-user form is coming in the next release.</ComingSoon>
    </>
  )
}
