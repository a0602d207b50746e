import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { profileLockedFor } from '@/lib/profiles/manage-profiles'
import { findProfile, listProfiles } from '@/lib/profiles/list-profiles'
import { deleteProfileAction, updateProfileAction } from '../profile-actions'
import { DeleteProfileForm, ProfileForm } from '../profile-form'
import { PageHeader } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { objectTitle } from '../../../page-title'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const { id } = await params
  return objectTitle('settings.manage', 'Profile', async (db, tenantId) => (await findProfile(db, tenantId, id))?.name)
}

export default async function ProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('settings.manage')
  const db = await getDb()
  const profile = await findProfile(db, actor.tenantId, (await params).id)
  if (!profile) notFound()
  const holders = (await listProfiles(db, actor.tenantId, profile.id))[0]?.holders ?? 0
  const locked = await profileLockedFor(db, { userId: actor.id, tenantId: actor.tenantId, permissions: actor.permissions }, profile)
  return (
    <>
      <PageHeader back={{ href: '/settings/profiles', label: 'Profiles', current: profile.name }} title={`Profile: ${profile.name}`} />
      <p className="mt-1 text-sm text-slate-600">
        {holders} user{holders === 1 ? '' : 's'} hold{holders === 1 ? 's' : ''} this profile. Changes reach them on their next request.
      </p>
      <PageFlash messages={{ 'profile-created': 'Profile created.', 'profile-updated': 'Changes saved.' }} />
      {locked ? (
        <p role="alert" className="mt-6 max-w-2xl rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {locked}
        </p>
      ) : (
        <>
          <ProfileForm
            key={profile.version}
            action={updateProfileAction.bind(null, profile.id)}
            initial={{
              submission: 0,
              fieldErrors: {},
              values: {
                name: profile.name,
                description: profile.description,
                role: profile.role,
                permissions: profile.permissions,
                scope: profile.scope,
              },
            }}
            roleFixed
            grantable={[...actor.permissions]}
          />
          <section aria-labelledby="delete-heading" className="mt-8 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
            <h2 id="delete-heading" className="text-base font-semibold">
              Delete
            </h2>
            <DeleteProfileForm action={deleteProfileAction.bind(null, profile.id)} name={profile.name} holders={holders} />
          </section>
        </>
      )}
    </>
  )
}
