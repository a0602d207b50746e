import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('Integrations', () => {
  test('Settings › Directory: the phone book URL works without signing in, and Generate a new URL retires the old one', async ({
    page,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings')
    await page.getByRole('link', { name: 'Directory of Users' }).click()
    const yealink = page.getByLabel('Yealink', { exact: true })
    const oldUrl = await yealink.inputValue()
    expect(oldUrl).toMatch(/\/directory\/[0-9a-f]{64}\?format=yealink$/)
    await expect(page.getByText('Directory › Remote Phone Book')).toBeVisible()

    // A phone: no cookie, no header.
    const phone = await request.get(new URL(oldUrl).pathname + new URL(oldUrl).search, { headers: { cookie: '' } })
    expect(phone.status()).toBe(200)
    expect(phone.headers()['content-type']).toBe('text/xml; charset=utf-8')
    const xml = await phone.text()
    expect(xml).toContain('<DirectoryEntry><Name>Ana Lima</Name><Telephone>201</Telephone></DirectoryEntry>')
    expect(xml).not.toContain('Cy Okafor') // inactive

    await page.getByRole('button', { name: 'Generate a new URL' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Generate a new URL' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'New directory URL generated.' })).toBeVisible()
    const newUrl = await page.getByLabel('Yealink', { exact: true }).inputValue()
    expect(newUrl).not.toBe(oldUrl)
    expect((await request.get(new URL(oldUrl).pathname + '?format=yealink')).status()).toBe(404)
    expect((await request.get(new URL(newUrl).pathname + '?format=grandstream')).status()).toBe(200)
  })

  test('an API token from My account reads the API; the API reference page lists the endpoints', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/account')
    await page.getByLabel('Token name').fill('e2e script')
    await page.getByRole('button', { name: 'Generate API token' }).click()
    const token = (await page.getByTestId('new-token').textContent())!.trim()

    const list = await request.get('/api/v1/users?q=calls.example&role=Agent', {
      headers: { authorization: `Bearer ${token}`, cookie: '' },
    })
    expect(list.status()).toBe(200)
    expect((await list.json()).data.map((u: { username: string }) => u.username).sort()).toEqual(['ana.lima', 'bo.chen'])
    const eligibility = await request.get('/api/v1/extensions/201/eligibility', { headers: { authorization: `Bearer ${token}` } })
    expect(await eligibility.json()).toEqual({ allowed: true, reason: 'ok', extension: '201', forceLogin: false })
    expect((await request.get('/api/v1/users', { headers: { cookie: '' } })).status()).toBe(401)

    await page.getByRole('link', { name: 'API reference' }).click()
    await expect(page.getByRole('heading', { name: 'POST /api/v1/users', exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'GET /api/v1/extensions/{number}/eligibility' })).toBeVisible()
    const doc = await request.get('/api/v1/openapi.json')
    expect((await doc.json()).openapi).toBe('3.1.0')
  })
})
