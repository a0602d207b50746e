import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import { PageHeader } from '@/app/_components/page-bits'
import { requirePermission } from '@/lib/auth/session'
import { twoFactorPolicyOf } from '@/lib/auth/two-factor'
import { TWO_FACTOR_POLICY_LABELS } from '@/lib/workspace-settings/manage-security-settings'
import { updateSecuritySettingsAction } from './actions'
import { SecurityForm } from './security-form'

export const metadata: Metadata = { title: 'Security · Settings' }

const HINTS = {
  off: 'Each user may turn it on in My account.',
  admins: 'An admin without it is sent to set it up right after their password, before anything else.',
  everyone: 'Every user without it is sent to set it up right after their password, before anything else.',
} as const

export default async function SecuritySettingsPage() {
  const user = await requirePermission('settings.manage')
  const policy = await twoFactorPolicyOf(await getDb(), user.tenantId)
  const choices = (Object.keys(TWO_FACTOR_POLICY_LABELS) as (keyof typeof HINTS)[]).map((value) => ({
    value,
    label: TWO_FACTOR_POLICY_LABELS[value],
    hint: HINTS[value],
  }))
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Security" />
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Two-factor authentication asks for a code from an authenticator app (or a passkey) after the password. An admin can reset it for a
        user who lost their phone, from the user’s edit page.
      </p>
      <SecurityForm action={updateSecuritySettingsAction} policy={policy} choices={choices} />
    </>
  )
}
