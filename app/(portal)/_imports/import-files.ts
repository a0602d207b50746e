import 'server-only'
import { csvDocument } from '@/lib/imports/csv-document'
import { getDb } from '@/db/client'
import { sessionActor } from '@/lib/auth/actor'
import { failedRowsCsv } from '@/lib/imports/import-jobs'
import type { ImportKindPage } from './import-kinds'

const download = (body: string, fileName: string) =>
  new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  })

/** GET …/import/template: the header row an import reads (the export's columns, plus Password for users). */
export async function templateResponse(kind: ImportKindPage, headers: string[]): Promise<Response> {
  await sessionActor(kind.processor.permission)
  return download(csvDocument([headers]), `${kind.kind}-import-template.csv`)
}

/** GET …/import/{id}/errors: the failed rows plus `Error`, for the uploader only (404 for anyone else). */
export async function errorsResponse(kind: ImportKindPage, id: string): Promise<Response> {
  const actor = await sessionActor(kind.processor.permission)
  const file = await failedRowsCsv(await getDb(), actor, id)
  if (!file) return new Response('Not found', { status: 404 })
  return download(file.csv, file.fileName)
}
