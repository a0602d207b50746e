import { expect, test } from '@playwright/test'
import Papa from 'papaparse'
import { signIn, signOut } from '@/testing/e2e/sign-in'
import { chooseFilter } from '@/testing/e2e/filters'
import { testData } from '@/testing/e2e/test-data'

test('Reports › Users shows today’s sign-in, the chart without JavaScript, and exports the same rows to CSV', async ({
  browser,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const agent = await data.user(ws.tenantId, { role: 'Agent' })
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  await signOut(page)
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })

  await page.goto('/reports')
  await page.getByRole('link', { name: 'Users' }).last().click()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Users signed in per day' })).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: agent.username })
  await expect(row).toContainText('1') // one session
  // Filters narrow it: only supervisors → the agent is gone.
  await chooseFilter(page, 'Role', 'Supervisor')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByRole('row').filter({ hasText: agent.username })).toHaveCount(0)

  await page.goto('/reports/users')
  const csv = await request.get(`/reports/users/export?${new URL(page.url()).searchParams}`, {
    headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
  })
  expect(csv.status()).toBe(200)
  const rows = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
  expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining([agent.username, ws.admin.username]))
  await context.close()
})
