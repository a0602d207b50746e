import { expect, test } from '@playwright/test'
import { testData } from '@/testing/e2e/test-data'
import { FAILED, fillSignIn, signIn, signInAlert, signOut, userMenu } from '@/testing/e2e/sign-in'

test.describe('sign in', () => {
  test('the demo admin signs in, sees the shell, and signs out', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/sign-in$/)
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await signIn(page, { workspace: 'demo', identifier: 'admin', password: 'switchboard-demo' })

    await expect(page).toHaveURL(/\/users$/)
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const name of ['Users', 'Settings', 'Reports']) await expect(nav.getByRole('link', { name })).toBeVisible()
    await userMenu(page).click()
    await expect(page.getByRole('link', { name: 'My account' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible()

    await page.getByRole('link', { name: 'My account' }).click()
    await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()
    await expect(page.getByText('Demo Contact Centre (demo)')).toBeVisible()

    await signOut(page)
    await page.goto('/users')
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers$/)
  })

  test('works with JavaScript off, including the user menu and sign-out', async ({ browser, request }) => {
    const ws = await testData(request).workspace()
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto('/sign-in')
    await fillSignIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: 'wrong-password-0' })
    await expect(signInAlert(page)).toContainText(FAILED)
    await expect(page.getByLabel('Workspace')).toHaveValue(ws.slug)
    await expect(page.getByLabel('Username or email')).toHaveValue(ws.admin.username)
    await expect(page.getByLabel('Password')).toHaveValue('')

    await fillSignIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
    await signOut(page)
    const events = await testData(request).loginEvents(ws.tenantId)
    expect(events.map((e) => `${e.kind}:${e.outcome}`)).toEqual(['sign_in:invalid_credentials', 'sign_in:success', 'sign_out:success'])
    await context.close()
  })

  test('wrong password, unknown user, unknown workspace and inactive user get the same message', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const inactive = await data.user(ws.tenantId, { status: 'inactive' })
    const attempts = [
      { workspace: ws.slug, identifier: ws.admin.username, password: 'not-the-password' },
      { workspace: ws.slug, identifier: 'nobody-here', password: ws.admin.password },
      { workspace: `${ws.slug}-missing`, identifier: ws.admin.username, password: ws.admin.password },
      { workspace: ws.slug, identifier: inactive.username, password: inactive.password },
    ]
    const messages: string[] = []
    for (const attempt of attempts) {
      await page.goto('/sign-in')
      await fillSignIn(page, attempt)
      await expect(signInAlert(page)).toBeVisible()
      await expect(signInAlert(page)).toHaveAttribute('role', 'alert')
      messages.push((await signInAlert(page).textContent()) ?? '')
      await expect(page).toHaveURL(/\/sign-in$/)
    }
    expect(new Set(messages).size).toBe(1)
    expect(messages[0]).toContain(FAILED)

    const events = await data.loginEvents(ws.tenantId)
    expect(events.map((e) => e.outcome)).toEqual(['invalid_credentials', 'invalid_credentials', 'inactive'])
    expect(events[0]).toMatchObject({ kind: 'sign_in', userId: ws.admin.id })
    expect(events[0]?.userAgent).toContain('Chrome')
    expect(events[0]?.ip).toMatch(/^(127\.0\.0\.1|::1)$/)
  })

  const long = 'x'.repeat(10 * 1024)
  const badInputs = [
    { name: 'empty fields', workspace: '', identifier: '', password: '' },
    { name: '10 KB strings', workspace: long, identifier: long, password: long },
    { name: 'unicode', workspace: 'démo-工作区', identifier: 'δοκιμή👩‍💻', password: 'пароль-пароль-🔑' },
    { name: 'SQL metacharacters', workspace: "demo' OR 1=1 --", identifier: "admin'; DROP TABLE users; --", password: "' OR ''='" },
  ]
  for (const input of badInputs) {
    test(`bad input (${input.name}) gets the normal message, never a server error`, async ({ page }) => {
      const serverErrors: string[] = []
      page.on('response', (r) => {
        if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`)
      })
      await page.goto('/sign-in')
      // Let empty fields reach the server: the browser's own `required` check would stop them here.
      await page.locator('form input').evaluateAll((inputs) => inputs.forEach((i) => i.removeAttribute('required')))
      await fillSignIn(page, input)
      await expect(signInAlert(page)).toContainText(FAILED)
      expect(serverErrors).toEqual([])
    })
  }

  test('repeated failures lock the account, even for the right password', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const user = await data.user(ws.tenantId)
    await page.goto('/sign-in')
    for (let i = 0; i < 5; i++) {
      await fillSignIn(page, { workspace: ws.slug, identifier: user.username, password: `wrong-password-${i}` })
      await expect(signInAlert(page)).toContainText(FAILED)
      // The form has been reset for the next try.
      await expect(page.getByLabel('Password')).toHaveValue('')
    }
    await fillSignIn(page, { workspace: ws.slug, identifier: user.username, password: user.password })
    await expect(signInAlert(page)).toContainText('Too many failed attempts')
    await expect(page).toHaveURL(/\/sign-in$/)
    const events = await data.loginEvents(ws.tenantId)
    expect(events.at(-1)?.outcome).toBe('throttled')
  })

  test('a signed-in visitor to the sign-in page goes to the portal', async ({ page, request }) => {
    const ws = await testData(request).workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.email, password: ws.admin.password })
    await page.goto('/sign-in')
    await expect(page).toHaveURL(/\/users$/)
  })
})
