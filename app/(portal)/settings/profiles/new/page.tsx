import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePermission } from '@/lib/auth/session'
import { createProfileAction } from '../profile-actions'
import { ProfileForm } from '../profile-form'

export const metadata: Metadata = { title: 'New profile' }

export default async function NewProfilePage() {
  await requirePermission('settings.manage')
  return (
    <>
      <p className="text-sm">
        <Link href="/settings/profiles">Profiles</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">New profile</h1>
      <ProfileForm action={createProfileAction} initial={{ submission: 0, result: null, values: { name: '', description: '', role: 'Supervisor', permissions: [] } }} roleFixed={false} />
    </>
  )
}
