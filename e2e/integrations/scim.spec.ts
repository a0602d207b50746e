import { expect, test } from '@playwright/test'
import { testData } from '@/testing/e2e/test-data'
import { signIn, userMenu } from '@/testing/e2e/sign-in'

/**
 * Provisioning over real HTTP: an admin generates a SCIM token in Settings ›
 * Provisioning (shown once), the identity provider creates and finds a user
 * with it, and deactivating someone by SCIM ends their open browser session
 * at once; their force-login extension stops taking calls.
 */
test('a SCIM token from Settings provisions users, and a SCIM deactivation ends an open browser session', async ({
  page,
  browser,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const number = String(8000 + Math.floor(Math.random() * 1999))
  const agent = await data.user(ws.tenantId, { role: 'Agent', forceLoginExtension: number })
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto('/settings/provisioning')
  await expect(page.getByRole('textbox', { name: 'SCIM base URL' })).toHaveValue(/\/scim\/v2$/)
  await page.getByLabel('Token name').fill('Okta')
  await page.getByRole('button', { name: 'Generate SCIM token' }).click()
  const token = (await page.getByTestId('new-scim-token').textContent())!.trim()
  expect(token).toMatch(/^scim_/)
  await expect(page.getByRole('row', { name: /Okta/ })).toBeVisible()

  const scim = (method: string, path: string, body?: unknown) =>
    request.fetch(`/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    })
  expect((await request.get('/scim/v2/Users')).status()).toBe(401)
  const created = await scim('POST', '/Users', {
    userName: `new.hire.${Date.now()}@example.test`,
    name: { givenName: 'New', familyName: 'Hire' },
  })
  expect(created.status()).toBe(201)
  expect(created.headers()['content-type']).toMatch(/^application\/scim\+json/)
  const found = await (await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${agent.email}"`)}`)).json()
  expect(found.totalResults).toBe(1)

  // The agent is signed in and their extension may take calls.
  const context = await browser.newContext()
  const agentPage = await context.newPage()
  await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  expect(await data.eligibility(ws.tenantId, number)).toMatchObject({ allowed: true })

  const off = await scim('PATCH', `/Users/${found.Resources[0].id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  })
  expect(off.status()).toBe(200)
  expect((await off.json()).active).toBe(false)

  expect(await data.eligibility(ws.tenantId, number)).toMatchObject({ allowed: false, reason: 'user_inactive' })
  await agentPage.goto('/account')
  await expect(agentPage).toHaveURL(/\/sign-in/)
  await expect(userMenu(agentPage)).toHaveCount(0)
  await context.close()

  // The audit log says SCIM did it.
  const audit = await data.auditEntries(ws.tenantId, 'user.update')
  expect(audit.find((a) => a.entityId === agent.id)).toMatchObject({ before: { status: 'active' }, after: { status: 'inactive' } })
})
