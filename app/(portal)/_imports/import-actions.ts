'use server'

import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import type { Actor } from '@/lib/auth/actor'
import { serverAction } from '@/lib/auth/server-action'
import { createImportJob, queueImport } from '@/lib/imports/import-jobs'
import { IMPORT_MAX_BYTES, TOO_LARGE_MESSAGE } from '@/lib/imports/read-table-file'
import { invalid, type Result } from '@/lib/validation/result'
import { EXTENSIONS_IMPORT, USERS_IMPORT, type ImportKindPage } from './import-kinds'
import { kickImportWorker } from './import-worker'

async function upload(actor: Actor, page: ImportKindPage, form: FormData): Promise<Result<object, 'file'>> {
  const file = form.get('file')
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return invalid({ file: 'Choose a CSV or Excel file.' })
  if (file.size > IMPORT_MAX_BYTES) return invalid({ file: TOO_LARGE_MESSAGE })
  const result = await createImportJob(await getDb(), actor, page.processor, {
    kind: page.kind,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    options: { createMissingExtensions: form.get('createMissingExtensions') === 'on' },
  })
  if (!result.ok) return result
  kickImportWorker()
  redirect(`${page.base}/${result.id}`)
}

async function start(actor: Actor, page: ImportKindPage, id: string, form: FormData): Promise<never> {
  await queueImport(await getDb(), actor, page.processor, id, { skipErrors: form.get('skipErrors') === 'on' })
  kickImportWorker()
  // The job's page says what happened (queued, or why not): a refusal needs no form of its own.
  redirect(`${page.base}/${id}`)
}

/** `Preview` on Users › Import: stores the file and queues its dry run. */
export const uploadUsersImport = serverAction(
  { permission: USERS_IMPORT.processor.permission, args: ['state', 'form'] },
  (actor, _previous, form) => upload(actor, USERS_IMPORT, form),
)

/** `Import N users` on an import's preview. */
export const startUsersImport = serverAction({ permission: USERS_IMPORT.processor.permission, args: ['id', 'form'] }, (actor, id, form) =>
  start(actor, USERS_IMPORT, id, form),
)

/** `Preview` on Settings › Extensions › Import. */
export const uploadExtensionsImport = serverAction(
  { permission: EXTENSIONS_IMPORT.processor.permission, args: ['state', 'form'] },
  (actor, _previous, form) => upload(actor, EXTENSIONS_IMPORT, form),
)

/** `Import N extensions` on an import's preview. */
export const startExtensionsImport = serverAction(
  { permission: EXTENSIONS_IMPORT.processor.permission, args: ['id', 'form'] },
  (actor, id, form) => start(actor, EXTENSIONS_IMPORT, id, form),
)
