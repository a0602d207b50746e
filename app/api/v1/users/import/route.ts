import { apiRoute } from '@/lib/api/api-route'
import { parseApiQuery } from '@/lib/api/api-query'
import { importUsersEndpoint } from '@/lib/api/endpoints'
import { userImportQuerySchema } from '@/lib/api/schemas'
import { apiError, apiJson, conflict, invalidFields } from '@/lib/http/api-response'
import { ImportConflictError } from '@/lib/imports/import-jobs'
import { IMPORT_MAX_BYTES, ImportFileError, readTableFile, TOO_LARGE_MESSAGE } from '@/lib/imports/read-table-file'
import { importUsers } from '@/lib/users/import-users-apply'
import { checkUserImportColumns, planUserImport } from '@/lib/users/import-users'

/** The body, up to `max` bytes: null past it, whatever Content-Length says (or doesn't). */
async function readBody(request: Request, max: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length') ?? 0) > max) return null
  if (!request.body) return new Uint8Array()
  const parts: Uint8Array[] = []
  let size = 0
  for await (const part of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += part.length
    if (size > max) return null
    parts.push(part)
  }
  return Buffer.concat(parts)
}

/**
 * POST /api/v1/users/import?dryRun=true|false: the Users › Import machinery
 * for scripts, in the request (no job): a dry run answers the preview, an
 * import what it wrote.
 */
export const POST = apiRoute(importUsersEndpoint, async ({ db, actor, search, request }) => {
  const bad = parseApiQuery(userImportQuerySchema, search)
  if (bad) return bad
  const dryRun = search.get('dryRun') !== 'false'
  const options = { createMissingExtensions: search.get('createMissingExtensions') === 'true' }
  const bytes = await readBody(request, IMPORT_MAX_BYTES)
  if (!bytes) return apiError(413, 'invalid', TOO_LARGE_MESSAGE)
  try {
    const table = await readTableFile(bytes)
    const columns = checkUserImportColumns(table.headers)
    if (dryRun) {
      const { preview } = await planUserImport(db, actor, table, options)
      return apiJson({ data: { dryRun: true, ...preview } })
    }
    const result = await importUsers(db, actor, table, {
      ...options,
      skipErrors: search.get('skipErrors') === 'true',
      fileName: 'API upload',
      jobId: null,
    })
    const summary = { create: result.created, update: result.updated, unchanged: result.unchanged, error: result.failed }
    return apiJson({ data: { dryRun: false, written: result.written, summary, rows: result.errors, unknownColumns: columns.unknown } })
  } catch (error) {
    if (error instanceof ImportFileError) return invalidFields({ file: error.message }, error.message)
    if (error instanceof ImportConflictError) return conflict(error.message)
    throw error
  }
})
