import { expect, test } from '@playwright/test'
import { signInAsNew } from '@/testing/e2e/sign-in'

test.describe('the app shell', () => {
  for (const path of ['/', '/users', '/settings', '/reports', '/account']) {
    test(`sends a signed-out visitor from ${path} to sign in`, async ({ page }) => {
      await page.goto(path)
      await expect(page).toHaveURL(/\/sign-in$/)
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    })
  }

  test('shows an agent only what an agent may reach, and refuses the rest on the server', async ({ page, request }) => {
    const { user: agent } = await signInAsNew(page, request, 'Agent')
    await expect(page).toHaveURL(/\/account$/)
    await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()
    await expect(page.getByText(agent.username, { exact: true })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const name of ['Users', 'Settings', 'Reports']) await expect(nav.getByRole('link', { name })).toHaveCount(0)
    for (const path of ['/users', '/settings', '/reports']) {
      const response = await page.goto(path)
      expect(response?.status()).toBe(404)
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    }
  })

  test('shows a supervisor Users and Reports but not Settings', async ({ page, request }) => {
    await signInAsNew(page, request, 'Supervisor')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Reports' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0)
    expect((await page.goto('/settings'))?.status()).toBe(404)
  })

  test('the test-support endpoint refuses requests without the run secret', async ({ request }) => {
    const response = await request.post('/api/e2e/workspace', { data: {} })
    expect(response.status()).toBe(404)
  })
})
