import { expect, test, type Browser } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData, type E2EUser, type E2EWorkspace } from '@/testing/e2e/test-data'

/**
 * Issue 22: a supervisor and an admin whose profiles are scoped to the groups
 * they manage (group A, "Tier 1 French") see and act only on A's members;
 * group B's member ("Billing") is as if absent, in the UI and over the API.
 */
const PASSWORD = 'violet-harbour-42-kettle'

async function team(request: Parameters<typeof testData>[0], role: 'Supervisor' | 'Admin') {
  const data = testData(request)
  const ws = await data.workspace()
  const { lead, groupA, groupB } = await data.scopedTeam(ws.tenantId, role)
  const a1 = await data.user(ws.tenantId, { fullName: 'Amelie Martin', groupIds: [groupA] })
  const a2 = await data.user(ws.tenantId, { fullName: 'Antoine Petit', groupIds: [groupA] })
  const b1 = await data.user(ws.tenantId, { fullName: 'Bella Billing', groupIds: [groupB] })
  return { data, ws, lead, groupA, groupB, a1, a2, b1 }
}

/** Signs `user` in from a browser of their own, so the Signed in now board has someone to show. */
async function signedInElsewhere(browser: Browser, ws: E2EWorkspace, user: E2EUser) {
  const context = await browser.newContext()
  await signIn(await context.newPage(), { workspace: ws.slug, identifier: user.username, password: user.password })
  return context
}

test('a supervisor scoped to group A sees only its members: list, count, search, export, reports; a B member’s page is 404', async ({
  page,
  request,
  browser,
}) => {
  const { ws, lead, a1, a2, b1 } = await team(request, 'Supervisor')
  const others = [await signedInElsewhere(browser, ws, a1), await signedInElsewhere(browser, ws, b1)]
  await signIn(page, { workspace: ws.slug, identifier: lead.username, password: lead.password })

  await page.goto('/users')
  await expect(page.getByRole('rowheader')).toHaveText(['Amelie Martin', 'Antoine Petit'])
  await expect(page.getByText('Showing 1–2 of 2 users')).toBeVisible()
  // Search finds nobody outside the scope, even by exact username.
  await page.goto(`/users?q=${b1.username}`)
  await expect(page.getByRole('rowheader')).toHaveCount(0)
  // The Group filter offers only the groups they manage.
  await page.goto('/users')
  await expect(page.getByRole('checkbox', { name: 'Billing' })).toHaveCount(0)

  const csv = await (await page.request.get('/users/export/csv')).text()
  expect(csv).toContain(a1.username)
  expect(csv).toContain(a2.username)
  expect(csv).not.toContain(b1.username)
  expect(csv).not.toContain(ws.admin.username)

  await page.goto('/reports/signed-in')
  await expect(page.getByText('Amelie Martin')).toBeVisible()
  await expect(page.getByText('Bella Billing')).toHaveCount(0)
  const report = await (await page.request.get('/reports/users/export')).text()
  expect(report).toContain(a1.username)
  expect(report).not.toContain(b1.username)

  for (const path of [`/users/${b1.id}`, `/users/${b1.id}/login-times`]) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByText('Bella Billing')).toHaveCount(0)
  }
  expect((await page.goto(`/users/${a1.id}`))?.status()).toBe(200)
  await Promise.all(others.map((c) => c.close()))
})

test('a scoped admin creates a user into group A, edits an A member, and can’t edit or deactivate a B member (UI and API)', async ({
  page,
  request,
}) => {
  const { data, ws, lead, a1, b1 } = await team(request, 'Admin')
  await signIn(page, { workspace: ws.slug, identifier: lead.username, password: lead.password })

  // Create: Groups is required and offers only their group; without it the form says why.
  await page.goto('/users/new')
  await expect(page.getByRole('group', { name: 'Groups (required)' })).toBeVisible()
  await expect(page.getByLabel('Billing')).toHaveCount(0)
  await page.getByLabel('Full name').fill('Camille Nouveau')
  await page.getByLabel('Email', { exact: true }).fill('camille@calls.example')
  await page.getByLabel('Username').fill('camille.n')
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('group', { name: 'Groups (required)' })).toContainText('Choose one of the groups you manage')
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Tier 1 French').check()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'User created.' })).toBeVisible()
  const created = await data.userRecord(ws.tenantId, 'camille.n')
  expect(created.groupIds).toHaveLength(1)

  // Edit an A member.
  await page.goto(`/users/${a1.id}/edit`)
  await page.getByLabel('Job title').fill('Team lead')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()

  // B's member: 404 in the UI, and nothing the API can reach.
  expect((await page.goto(`/users/${b1.id}/edit`))?.status()).toBe(404)
  await page.goto('/account')
  await page.getByLabel('Token name').fill('Team script')
  await page.getByRole('button', { name: 'Generate API token' }).click()
  const token = (await page.getByTestId('new-token').textContent())!.trim()
  const headers = { authorization: `Bearer ${token}` }
  expect((await request.get(`/api/v1/users/${b1.id}`, { headers })).status()).toBe(404)
  expect((await request.patch(`/api/v1/users/${b1.id}`, { headers, data: { version: 1, fullName: 'Renamed' } })).status()).toBe(404)
  const bulk = await request.post('/api/v1/users/bulk', { headers, data: { ids: [b1.id], set: { status: 'inactive' } } })
  expect(bulk.status()).toBe(200)
  expect((await bulk.json()).data).toMatchObject({ updated: 0, skipped: 1 })
  expect((await request.delete(`/api/v1/users/${b1.id}`, { headers })).status()).toBe(404)
  expect(await data.statuses(ws.tenantId, [b1.id])).toEqual({ [b1.id]: 'active' })
  expect((await data.userRecord(ws.tenantId, b1.username)).fullName).toBe('Bella Billing')
  // Inside the scope the same token works.
  expect((await request.get(`/api/v1/users/${a1.id}`, { headers })).status()).toBe(200)
})
