import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { findExtension } from '@/lib/extensions/list-extensions'
import { revealSipPasswordAction, updateExtensionAction } from '../_form/extension-actions'
import { ExtensionForm, SipPasswordReveal } from '../_form/extension-form'
import { PageHeader } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { objectTitle } from '../../../page-title'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const id = z.uuid().safeParse((await params).id)
  return objectTitle('extensions.manage', 'Extension', async (db, tenantId) =>
    id.success ? (await findExtension(db, tenantId, id.data))?.number : null,
  )
}

export default async function ExtensionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('extensions.manage')
  const id = z.uuid().safeParse((await params).id)
  if (!id.success) notFound()
  const extension = await findExtension(await getDb(), actor.tenantId, id.data)
  if (!extension) notFound()
  return (
    <>
      <PageHeader
        back={{ href: '/settings/extensions', label: 'Extensions', current: extension.number }}
        title={`Extension ${extension.number}`}
      />
      <p className="mt-1 text-sm text-slate-600">
        {extension.userName ? `Used by ${extension.userName} (${extension.username}).` : 'Free: no user has it.'}
      </p>
      <PageFlash messages={{ 'extension-created': 'Extension created.', 'extension-updated': 'Changes saved.' }} />
      <section aria-labelledby="sip-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="sip-heading" className="text-base font-semibold">
          SIP password
        </h2>
        <p className="mt-1 text-sm text-slate-600">Stored encrypted. Showing it is recorded in the audit log.</p>
        {/* Keyed by version: after a save, a password shown before is hidden again. */}
        <SipPasswordReveal key={extension.version} reveal={revealSipPasswordAction.bind(null, extension.id)} />
      </section>
      <ExtensionForm
        key={extension.version}
        action={updateExtensionAction.bind(null, extension.id)}
        initial={{
          submission: 0,
          version: extension.version,
          values: {
            number: extension.number,
            type: extension.type,
            voicemailEnabled: extension.voicemailEnabled,
            voicemailEmail: extension.voicemailEmail ?? '',
          },
          fieldErrors: {},
        }}
        hasVoicemailPin={extension.hasVoicemailPin}
        canChangeSipPassword
      />
      <p className="mt-6 text-sm">
        <Link href={`/settings/extensions/${extension.id}/delete`} className="text-red-700">
          Delete this extension
        </Link>
      </p>
    </>
  )
}
