import { getDb } from '@/db/client'
import { DIRECTORY_FORMATS, grandstreamXml, loadDirectory, yealinkXml, type DirectoryFormat } from '@/lib/directory/directory'

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } })

/**
 * GET /directory/{secret}?format=yealink|grandstream|json[&ext=N]: the
 * workspace's Directory of Users for phones, which load it without headers:
 * the secret in the path is the credential (Settings › Directory shows it and
 * can replace it). A wrong secret, or an `ext` the workspace doesn't have, is 404.
 */
export async function GET(request: Request, context: { params: Promise<{ secret: string }> }) {
  const search = new URL(request.url).searchParams
  const format = (search.get('format') ?? 'json') as DirectoryFormat
  if (!DIRECTORY_FORMATS.includes(format)) return text(400, `Unknown format: use ${DIRECTORY_FORMATS.join(', ')}.`)
  const ext = search.get('ext')
  const directory = await loadDirectory(await getDb(), (await context.params).secret, ext)
  if (!directory) return text(404, 'No such directory.')
  const headers = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }
  if (format === 'json') return Response.json({ workspace: directory.workspace, entries: directory.entries }, { headers })
  const xml = format === 'yealink' ? yealinkXml(directory.entries) : grandstreamXml(directory.entries)
  return new Response(xml, { headers: { ...headers, 'content-type': 'text/xml; charset=utf-8' } })
}
