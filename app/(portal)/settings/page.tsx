import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ComingSoon } from '@/app/_components/coming-soon'
import { requireUser } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsPage() {
  const user = await requireUser()
  if (!user.permissions.has('settings.manage') && !user.permissions.has('extensions.manage')) notFound()
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ComingSoon>Extensions, Profiles, Groups, Deleted users and the Audit log are coming in a later release.</ComingSoon>
    </>
  )
}
