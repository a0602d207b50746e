import Link from 'next/link'
import { getDb } from '@/db/client'
import { sessionActor } from '@/lib/auth/actor'
import { requirePermission } from '@/lib/auth/session'
import { listImportJobs } from '@/lib/imports/import-jobs'
import { PageHeader } from '@/app/_components/page-bits'
import { DateTime } from '@/app/_components/date-time'
import type { ImportKindPage } from './import-kinds'
import { UploadForm } from './upload-form'

const STATE: Record<string, string> = {
  'preview:queued': 'Checking',
  'preview:running': 'Checking',
  'preview:done': 'Previewed',
  'preview:failed': 'Could not be read',
  'import:queued': 'Importing',
  'import:running': 'Importing',
  'import:done': 'Imported',
  'import:failed': 'Not imported',
}

/** An import's upload page, with the uploader's recent imports of the kind. */
export async function ImportUploadPage({
  kind,
  upload,
  children,
}: {
  kind: ImportKindPage
  upload: Parameters<typeof UploadForm>[0]['action']
  children?: React.ReactNode
}) {
  const user = await requirePermission(kind.processor.permission)
  const actor = await sessionActor(kind.processor.permission)
  const recent = await listImportJobs(await getDb(), actor, kind.kind)
  return (
    <>
      <PageHeader back={kind.back} title={kind.title} />
      {children}
      <UploadForm
        action={upload}
        templateHref={`${kind.base}/template`}
        offerCreateExtensions={kind.kind === 'users' && actor.permissions.has('extensions.manage')}
      />
      {recent.length > 0 && (
        <section aria-labelledby="recent-imports" className="mt-8 max-w-xl">
          <h2 id="recent-imports" className="text-lg font-semibold">
            Your recent imports
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {recent.map((job) => (
              <li key={job.id}>
                <Link href={`${kind.base}/${job.id}`}>{job.fileName}</Link> · {STATE[`${job.phase}:${job.status}`]} ·{' '}
                <DateTime value={job.createdAt} timeZone={user.timeZone} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
