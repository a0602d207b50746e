import { expect, test } from '@playwright/test'
import { fillSignIn, signIn, signInAsNew } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('the app shell', () => {
  for (const path of ['/', '/users', '/settings', '/reports', '/account']) {
    test(`sends a signed-out visitor from ${path} to sign in`, async ({ page }) => {
      await page.goto(path)
      // …and remembers where they were going (the home page needs no reminder).
      await expect(page).toHaveURL(path === '/' ? /\/sign-in$/ : new RegExp(`/sign-in\\?next=${encodeURIComponent(path)}$`))
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

  test('after signing in from a deep link, lands on the page that was asked for; never on another site', async ({ page, request }) => {
    const ws = await testData(request).workspace()
    await page.goto('/settings/groups')
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fgroups$/)
    await fillSignIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await expect(page).toHaveURL(/\/settings\/groups$/)
    await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible()

    for (const evil of ['//evil.test/x', 'https://evil.test', '/\\evil.test']) {
      await page.context().clearCookies()
      await page.goto(`/sign-in?next=${encodeURIComponent(evil)}`)
      await fillSignIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
      await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/')
      // Home (the admin's first section) on our own origin, not the link's target.
      expect(page.url()).toMatch(/^http:\/\/localhost:\d+\/users$/)
    }
  })

  test('a skip link first, the current section marked, an icon, and titles that name the object', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const target = await data.user(ws.tenantId, { role: 'Agent' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/users')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page')
    await expect(nav.getByRole('link', { name: 'Settings' })).not.toHaveAttribute('aria-current', 'page')
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to main content' })
    await expect(skip).toBeFocused()
    await expect(skip).toBeInViewport()
    await page.keyboard.press('Enter')
    await expect(page.locator('main#main')).toBeFocused()

    await page.goto(`/users/${target.id}/edit`)
    const record = await data.userRecord(ws.tenantId, target.username)
    await expect(page).toHaveTitle(`${record.fullName} · Edit user · Switchboard`)
    const icon = await request.get('/favicon.ico')
    expect(icon.status()).toBe(200)
    expect(icon.headers()['content-type']).toMatch(/icon/)
  })

  test('a title names nobody for a viewer who may not see the page', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const target = await data.user(ws.tenantId, { role: 'Agent' })
    const agent = await data.user(ws.tenantId, { role: 'Agent' })
    await signIn(page, { workspace: ws.slug, identifier: agent.username, password: agent.password })
    const response = await page.goto(`/users/${target.id}/edit`)
    expect(response?.status()).toBe(404)
    const record = await data.userRecord(ws.tenantId, target.username)
    expect(await page.title()).not.toContain(record.fullName)
  })
})
