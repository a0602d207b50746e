import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { findProfile, listProfiles } from '@/lib/profiles/manage-profiles'
import { deleteProfileAction, updateProfileAction } from '../profile-actions'
import { DeleteProfileForm, ProfileForm } from '../profile-form'

export const metadata: Metadata = { title: 'Profile' }

export default async function ProfilePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const actor = await requirePermission('settings.manage')
  const db = await getDb()
  const profile = await findProfile(db, actor.tenantId, (await params).id)
  if (!profile) notFound()
  const holders = (await listProfiles(db, actor.tenantId)).find((p) => p.id === profile.id)?.holders ?? 0
  const saved = (await searchParams).saved
  return (
    <>
      <p className="text-sm">
        <Link href="/settings/profiles">Profiles</Link> / {profile.name}
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Profile: {profile.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {holders} user{holders === 1 ? '' : 's'} hold{holders === 1 ? 's' : ''} this profile. Changes reach them on their next request.
      </p>
      {saved && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {saved === 'created' ? 'Profile created.' : 'Changes saved.'}
        </p>
      )}
      <ProfileForm
        key={profile.version}
        action={updateProfileAction.bind(null, profile.id)}
        initial={{ submission: 0, result: null, values: { name: profile.name, description: profile.description, role: profile.role, permissions: profile.permissions } }}
        roleFixed
      />
      <section aria-labelledby="delete-heading" className="mt-8 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        <h2 id="delete-heading" className="text-base font-semibold">
          Delete
        </h2>
        <DeleteProfileForm action={deleteProfileAction.bind(null, profile.id)} holders={holders} />
      </section>
    </>
  )
}
