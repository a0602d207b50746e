import type { Metadata } from 'next'
import { requirePermission } from '@/lib/auth/session'
import { createProfileAction } from '../profile-actions'
import { ProfileForm } from '../profile-form'
import { PageHeader } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'New profile' }

export default async function NewProfilePage() {
  const actor = await requirePermission('settings.manage')
  return (
    <>
      <PageHeader back={{ href: '/settings/profiles', label: 'Profiles' }} title="New profile" />
      <ProfileForm
        action={createProfileAction}
        initial={{
          submission: 0,
          fieldErrors: {},
          values: { name: '', description: '', role: 'Supervisor', permissions: [], scope: 'workspace' },
        }}
        roleFixed={false}
        grantable={[...actor.permissions]}
      />
    </>
  )
}
