import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePermission } from '@/lib/auth/session'
import { createExtensionAction } from '../_form/extension-actions'
import { ExtensionForm } from '../_form/extension-form'

export const metadata: Metadata = { title: 'New extension' }

export default async function NewExtensionPage() {
  await requirePermission('extensions.manage')
  return (
    <>
      <p className="text-sm">
        <Link href="/settings/extensions">Extensions</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">New extension</h1>
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
