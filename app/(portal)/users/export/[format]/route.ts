import { getDb } from '@/db/client'
import { sessionActor } from '@/lib/auth/actor'
import { requireUser } from '@/lib/auth/session'
import { EXPORT_FORMATS, exportUsers, type ExportFormat } from '@/lib/exports/export-users'
import { PDF_ROW_CAP } from '@/lib/exports/pdf'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * GET /users/export/{csv|xlsx|pdf}?<the list's URL parameters>: plain links
 * from the list (they work without JavaScript). Checks the session, then
 * `users.export` and the workspace inside exportUsers.
 */
export async function GET(request: Request, context: { params: Promise<{ format: string }> }) {
  const user = await requireUser()
  const { format } = await context.params
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return new Response('Not found', { status: 404 })
  const query = new URL(request.url).searchParams
  const answer = await exportUsers(await getDb(), await sessionActor(), {
    format: format as ExportFormat,
    params: query,
    workspace: { slug: user.tenantSlug, name: user.tenantName },
  })
  if (answer.kind === 'forbidden') return new Response('Not found', { status: 404 })
  if (answer.kind === 'too-many') {
    const q = escapeHtml(query.toString())
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many users for a PDF</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>Too many users for a PDF</h1>
<p>This view has more than ${PDF_ROW_CAP.toLocaleString('en-GB')} users, too many for one PDF. Export it as <a href="/users/export/csv?${q}">CSV</a> or <a href="/users/export/xlsx?${q}">Excel</a> instead, or narrow the list first.</p>
<p><a href="/users?${q}">Back to the list</a></p></body></html>`
    return new Response(html, { status: 413, headers: { 'content-type': 'text/html; charset=utf-8' } })
  }
  return new Response(answer.body, {
    headers: {
      'content-type': answer.contentType,
      'content-disposition': `attachment; filename="${answer.fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  })
}
