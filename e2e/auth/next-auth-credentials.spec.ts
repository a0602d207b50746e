import { expect, test } from '@playwright/test'
import { testData } from '../support/test-data'

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
    expect(page.headers()['location']).toMatch(/\/sign-in$/)
    expect((await data.loginEvents(ws.tenantId)).map((e) => e.outcome)).toEqual(['invalid_credentials'])
  })
})
