import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { findExtension } from '@/lib/extensions/list-extensions'
import { DeleteForm } from '@/app/(portal)/users/[id]/delete/delete-form'
import { deleteExtensionAction } from '../../_form/extension-actions'
import { PageHeader } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'Delete extension' }

export default async function DeleteExtensionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('extensions.manage')
  const id = z.uuid().safeParse((await params).id)
  if (!id.success) notFound()
  const extension = await findExtension(await getDb(), actor.tenantId, id.data)
  if (!extension) notFound()
  return (
    <>
      <PageHeader
        back={{ href: '/settings/extensions', label: 'Extensions', current: extension.number }}
        title={`Delete extension ${extension.number}?`}
      />
      <div className="mt-4 max-w-2xl rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
        {extension.userName ? (
          <p>
            <strong>{extension.userName}</strong> ({extension.username}) uses this extension. Deleting it leaves them without one, and turns
            their force login off.
          </p>
        ) : (
          <p>No user has this extension.</p>
        )}
        <DeleteForm action={deleteExtensionAction.bind(null, extension.id)} cancelHref="/settings/extensions" />
      </div>
    </>
  )
}
