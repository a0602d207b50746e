import type { Metadata } from 'next'
import { requirePermission } from '@/lib/auth/session'
import { createExtensionAction } from '../_form/extension-actions'
import { ExtensionForm } from '../_form/extension-form'
import { PageHeader } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'New extension' }

export default async function NewExtensionPage() {
  await requirePermission('extensions.manage')
  return (
    <>
      <PageHeader back={{ href: '/settings/extensions', label: 'Extensions' }} title="New extension" />
      <p className="mt-2 text-sm text-slate-600">A strong SIP password is generated; you can show or change it after saving.</p>
      <ExtensionForm
        action={createExtensionAction}
        initial={{ submission: 0, values: { number: '', type: 'WebRTC', voicemailEnabled: false, voicemailEmail: '' }, fieldErrors: {} }}
        hasVoicemailPin={false}
        canChangeSipPassword={false}
      />
    </>
  )
}
