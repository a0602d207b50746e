import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'
import { SECRET_PATTERNS } from '@/testing/e2e/global-teardown'
import { FIELDS } from '@/testing/hostile-input'

/**
 * Hostile input to the production build's server actions over HTTP, as a
 * client could send it: every action a signed-in admin's pages render, called
 * with arguments of the wrong type (the `Next-Action` way) and as the no-JS
 * form post with hostile field values. Nothing may answer 5xx.
 */
// Long, but the whole form stays under the 1 MB body limit (an oversized body is the last test).
const HOSTILE_TEXT = ['a\u0000b', 'a\uD800b', 'admin\u202Egnp', 'x'.repeat(30_000), "'; DROP TABLE users;--"]
const HOSTILE_ARGS = [
  ['not form data'],
  [{ an: 'object' }, { another: 1 }],
  [null, null, null],
  [],
  [1e308, -1, 2 ** 53 + 1],
  [['a'], ['b'], ['c']],
  ['\u0000', '\u0000', '\u0000'],
]

/**
 * The server actions a page's forms post to, and the hidden fields each form
 * carries (its action and bound arguments). The header's Sign out and the
 * Sessions section's (My account) are left out: calling them would end the
 * test's session (the fuzz test gives their lib call hostile input).
 */
function formsOf(html: string): { ids: string[]; hidden: Record<string, string>[] } {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
  const forms = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)]
    .map((m) => m[1]!)
    .filter((inner) => !/>Sign out( everywhere)?</.test(inner))
  const ids = new Set<string>()
  const hidden: Record<string, string>[] = []
  for (const inner of forms) {
    for (const m of inner.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)) ids.add(m[1]!)
    for (const m of inner.matchAll(/&quot;id&quot;:&quot;([0-9a-f]{20,})&quot;/g)) ids.add(m[1]!)
    const fields = Object.fromEntries(
      [...inner.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [decode(m[1]!), decode(m[2] ?? '')]),
    )
    if (Object.keys(fields).some((k) => k.startsWith('$ACTION'))) hidden.push(fields)
  }
  return { ids: [...ids], hidden }
}

async function post(request: APIRequestContext, url: string, options: Parameters<APIRequestContext['post']>[1]) {
  // An over-large body is refused (413) before it is read, and the server closes the connection: the client may
  // see that as EPIPE while still sending. Either way it is no 5xx.
  const response = await request.post(url, { ...options, maxRedirects: 0 }).catch((error: Error) => {
    if (/EPIPE|ECONNRESET/.test(error.message)) return null
    throw error
  })
  return response ? response.status() : 413
}

test.describe.configure({ timeout: 180_000 })

test('no server action answers 5xx to hostile arguments or field values', async ({ page, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const target = await data.user(ws.tenantId, { role: 'Agent' })
  const extension = await data.extension(ws.tenantId, '5561')
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  const pages = [
    '/users',
    '/users/new',
    '/users/bulk-edit?role=Agent',
    `/users/${target.id}/edit`,
    `/users/${target.id}/delete`,
    '/account',
    '/settings/extensions',
    '/settings/extensions/new',
    `/settings/extensions/${extension.id}`,
    '/settings/profiles/new',
    '/settings/groups',
    '/settings/deleted-users',
    '/settings/directory',
  ]
  const failures: string[] = []
  let actions = 0
  for (const url of pages) {
    const html = await (await page.request.get(url)).text()
    const { ids, hidden } = formsOf(html)
    // Still signed in (a page that turned into the sign-in page would test nothing).
    expect(html, url).not.toContain('Username or email')
    for (const id of ids) {
      actions++
      for (const args of HOSTILE_ARGS) {
        const status = await post(page.request, url, {
          headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
          data: JSON.stringify(args),
        })
        if (status >= 500) failures.push(`${url} action ${id} args ${JSON.stringify(args).slice(0, 60)} → ${status}`)
      }
    }
    for (const fields of hidden) {
      for (const value of HOSTILE_TEXT) {
        const multipart: Record<string, string> = { ...fields }
        for (const name of FIELDS) multipart[name] = value
        const status = await post(page.request, url, { multipart })
        if (status >= 500) failures.push(`${url} form post with ${JSON.stringify(value.slice(0, 12))} → ${status}`)
      }
    }
  }
  expect(actions).toBeGreaterThanOrEqual(8)
  expect(failures).toEqual([])
})

test('a server action body over 1 MB is refused with 413 before it is read', async ({ page, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  const { hidden } = formsOf(await (await page.request.get('/users/new')).text())
  const status = await post(page.request, '/users/new', { multipart: { ...hidden[0], fullName: 'x'.repeat(2_000_000) } })
  expect(status).toBe(413)
})

test('a failing query is logged without its parameters (the production server’s own log)', async ({ request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  // The e2e build's test endpoint runs an INSERT that fails with a password hash and a token among its values, and lets Next log it.
  const response = await request.post('/api/e2e/failing-query', {
    data: { tenantId: ws.tenantId, userId: ws.admin.id },
    headers: { 'x-e2e-secret': process.env.E2E_SECRET! },
  })
  expect(response.status()).toBe(500)
  const log = path.join(process.env.E2E_DATA_DIR!, 'server.log')
  await expect.poll(() => fs.readFileSync(log, 'utf8').includes('users_pkey'), { timeout: 10_000 }).toBe(true)
  const text = fs.readFileSync(log, 'utf8')
  for (const [name, pattern] of SECRET_PATTERNS) expect(pattern.test(text), name).toBe(false)
})
