import { expect, test } from '@playwright/test'
import { testData } from '@/testing/e2e/test-data'

// next-auth's own Credentials endpoint shares verifyCredentials with the form:
// same checks, same throttling, same login events, a session the app accepts.
test.describe("next-auth's Credentials callback", () => {
  async function post(request: import('@playwright/test').APIRequestContext, fields: Record<string, string>) {
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
    return request.post('/api/auth/callback/credentials', { form: { csrfToken, json: 'true', ...fields }, maxRedirects: 0 })
  }

  test('signs in with the right details and the session opens the portal', async ({ request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const response = await post(request, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    expect(response.status()).toBeLessThan(400)
    const cookies = (await request.storageState()).cookies.map((c) => c.name)
    expect(cookies).toContain('next-auth.session-token')
    const page = await request.get('/account')
    expect(page.status()).toBe(200)
    expect(await page.text()).toContain(ws.admin.username)
    expect((await data.loginEvents(ws.tenantId)).map((e) => e.outcome)).toEqual(['success'])
  })

  test('refuses wrong details without a session, and logs the attempt', async ({ request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await post(request, { workspace: ws.slug, identifier: ws.admin.username, password: 'wrong-password-1' })
    const cookies = (await request.storageState()).cookies.map((c) => c.name)
    expect(cookies).not.toContain('next-auth.session-token')
    const page = await request.get('/account', { maxRedirects: 0 })
    expect(page.status()).toBe(307)
    expect(page.headers()['location']).toMatch(/\/sign-in\?next=%2Faccount$/)
    expect((await data.loginEvents(ws.tenantId)).map((e) => e.outcome)).toEqual(['invalid_credentials'])
  })

  test('next-auth’s own sign-out ends the dashboard session too (force login sees it at once)', async ({ request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await post(request, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    expect((await data.dashboardSessions(ws.tenantId, ws.admin.id)).map((s) => s.endedAt)).toEqual([null])
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
    const out = await request.post('/api/auth/signout', { form: { csrfToken, json: 'true' }, maxRedirects: 0 })
    expect(out.status()).toBeLessThan(400)
    const sessions = await data.dashboardSessions(ws.tenantId, ws.admin.id)
    expect(sessions.map((s) => s.endReason)).toEqual(['signed_out'])
    expect((await data.loginEvents(ws.tenantId)).map((e) => e.outcome)).toEqual(['success', 'success'])
  })

  test('GET of the Credentials callback is 405, not a 500', async ({ request }) => {
    const response = await request.get('/api/auth/callback/credentials', { maxRedirects: 0 })
    expect(response.status()).toBe(405)
    expect(response.headers()['allow']).toBe('POST')
  })
})
