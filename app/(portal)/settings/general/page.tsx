import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { workspaceSettingsOf } from '@/lib/workspace-settings/list-workspace-settings'
import { TIME_ZONES } from '@/lib/workspace-settings/workspace-settings-input'
import { PageHeader } from '@/app/_components/page-bits'
import { updateWorkspaceSettingsAction } from './actions'
import { GeneralForm } from './general-form'

export const metadata: Metadata = { title: 'General · Settings' }

export default async function GeneralSettingsPage() {
  const user = await requirePermission('settings.manage')
  const settings = await workspaceSettingsOf(await getDb(), user.tenantId)
  if (!settings) notFound()
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="General" />
      <p className="mt-1 text-sm text-slate-600">Workspace: {settings.name}</p>
      <GeneralForm action={updateWorkspaceSettingsAction} timeZone={settings.timeZone} zones={TIME_ZONES} />
    </>
  )
}
