import { expect, test } from '@playwright/test'
import { fillSignIn, signIn, signOut } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test('Actions › Login times lists sign-ins, sign-outs and failed attempts, newest first', async ({ page, browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const agent = await data.user(ws.tenantId, { role: 'Agent' })

  // The agent fails once, signs in, signs out (in a browser of their own).
  const agentPage = await browser.newPage({ userAgent: 'AgentBrowser/1.0' })
  await agentPage.goto('/sign-in')
  await fillSignIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: 'wrong-password-123' })
  await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  await signOut(agentPage)
  await agentPage.close()

  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto(`/users?q=${agent.username}`)
  await page.getByLabel(/^Actions for/).click()
  await page.getByRole('link', { name: 'Login times' }).click()
  await expect(page.getByRole('heading', { name: /^Login times:/ })).toBeVisible()
  const rows = page.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(4) // header + 3 events
  await expect(rows.nth(1)).toContainText('Sign-out')
  await expect(rows.nth(2)).toContainText('Sign-inSuccess')
  await expect(rows.nth(3)).toContainText('Wrong password')
  await expect(rows.nth(2)).toContainText('AgentBrowser/1.0')
})

test('another workspace’s user’s login times are not found, and agents can’t see any', async ({ page, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const other = await data.workspace()
  const agent = await data.user(ws.tenantId, { role: 'Agent' })
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  expect((await page.goto(`/users/${other.admin.id}/login-times`))?.status()).toBe(404)
  await signOut(page)
  await signIn(page, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  expect((await page.goto(`/users/${ws.admin.id}/login-times`))?.status()).toBe(404)
})
