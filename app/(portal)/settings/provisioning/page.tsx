import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import { CopyField } from '@/app/_components/copy-field'
import { PageHeader } from '@/app/_components/page-bits'
import { requirePermission } from '@/lib/auth/session'
import { scimBase } from '@/lib/scim/scim-http'
import { listScimTokens, scimManagesAdmins } from '@/lib/scim/scim-tokens'
import { generateScimTokenAction, revokeScimTokenAction, updateScimSettingsAction } from './actions'
import { AdminsSetting } from './admins-setting'
import { ScimTokens } from './scim-tokens'

export const metadata: Metadata = { title: 'Provisioning (SCIM) · Settings' }

/** Settings › Provisioning (SCIM) (`settings.manage`): the base URL, the tokens, and whether the provider may change admins. */
export default async function ProvisioningPage() {
  const user = await requirePermission('settings.manage')
  const db = await getDb()
  const [tokens, managesAdmins] = await Promise.all([listScimTokens(db, user.tenantId), scimManagesAdmins(db, user.tenantId)])
  const base = scimBase()
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Provisioning (SCIM)" />
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Your identity provider (Okta, Microsoft Entra ID…) creates people here when HR adds them, changes them when they move, and
        deactivates them when they leave: their sessions end and their API tokens stop at once. SCIM 2.0; see the README for Okta’s and
        Entra ID’s settings.
      </p>
      <div className="mt-6">
        <CopyField
          id="scim-base-url"
          label="SCIM base URL"
          value={base}
          copyLabel="Copy the SCIM base URL"
          hint="Okta: SCIM connector base URL, unique identifier field userName. Entra ID: Tenant URL."
        />
      </div>
      <ScimTokens tokens={tokens} timeZone={user.timeZone} generateAction={generateScimTokenAction} revokeAction={revokeScimTokenAction} />
      <AdminsSetting action={updateScimSettingsAction} on={managesAdmins} />
    </>
  )
}
