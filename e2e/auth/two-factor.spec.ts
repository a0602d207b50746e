import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import * as OTPAuth from 'otpauth'
import { fillSignIn, signIn, signOut, userMenu } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

/** What an authenticator app shows for the key on the page, `stepsAhead` time steps from now. */
const codeFor = (key: string, stepsAhead = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key.replace(/\s+/g, '')) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 })

/** Reads the key, turns the app on with its current code, and returns the key and the recovery codes shown. */
async function turnOn(page: Page) {
  const key = (await page.getByTestId('totp-key').textContent())!
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible()
  await page.getByLabel('Code', { exact: true }).fill(codeFor(key))
  await page.getByRole('button', { name: 'Turn on' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication is on.' })).toBeVisible()
  const codes = await page.getByTestId('recovery-codes').locator('li').allTextContents()
  expect(codes).toHaveLength(10)
  return { key, codes }
}

/** The half-signed-in pages are outside the accessibility suite's signed-in walk: axe them where they appear. */
async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(result.violations.map((v) => `${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([])
}

async function verify(page: Page, code: string) {
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible()
  await page.getByLabel('Authentication code').fill(code)
  await page.getByRole('button', { name: 'Verify' }).click()
}

test('turn on TOTP, sign in with a code; a reused code is refused; a recovery code works once', async ({ page, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const user = await data.user(ws.tenantId, { role: 'Agent' })
  const creds = { workspace: ws.slug, identifier: user.username, password: user.password }
  await signIn(page, creds)
  await page.goto('/account')
  await page.getByRole('link', { name: 'Set up two-factor authentication' }).click()
  const { key, codes } = await turnOn(page)
  await page.getByRole('link', { name: 'Back to My account' }).click()
  await expect(page.locator('#two-factor-heading').locator('..')).toContainText('On:')
  await signOut(page)

  // The next time step's code (the current one turned it on, and is spent).
  const code = codeFor(key, 1)
  await fillSignIn(page, creds)
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible()
  await axe(page)
  await verify(page, code)
  await expect(userMenu(page)).toBeVisible()
  await signOut(page)

  await fillSignIn(page, creds)
  await verify(page, code)
  await expect(page.locator('#code-error')).toContainText('That code is not right, or was already used.')
  // The half-signed-in step grants nothing: a portal page sends it back to sign in.
  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  await fillSignIn(page, creds)
  await verify(page, codes[0]!)
  await expect(userMenu(page)).toBeVisible()
  await signOut(page)
  await fillSignIn(page, creds)
  await verify(page, codes[0]!)
  await expect(page.locator('#code-error')).toBeVisible()
})

test('the workspace policy sends a new admin through setup before anything else', async ({ page, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  const newAdmin = await data.user(ws.tenantId, { role: 'Admin' })
  await page.goto('/settings/security')
  await page.getByLabel('Require two-factor authentication for admins').check()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Admins without two-factor will set it up at their next sign-in.')).toBeVisible()
  await signOut(page)

  await fillSignIn(page, { workspace: ws.slug, identifier: newAdmin.username, password: newAdmin.password })
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible()
  await expect(page.getByText('requires two-factor authentication')).toBeVisible()
  await axe(page)
  await page.goto('/users')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible()
  await turnOn(page)
  await page.getByRole('link', { name: 'Continue' }).click()
  await expect(userMenu(page)).toBeVisible()
})

test('a passkey registered in My account and used at the code step (Chromium’s virtual authenticator)', async ({ page, request }) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  const data = testData(request)
  const ws = await data.workspace()
  const user = await data.user(ws.tenantId, { role: 'Agent' })
  const creds = { workspace: ws.slug, identifier: user.username, password: user.password }
  await signIn(page, creds)
  await page.goto('/account')
  await page.getByLabel('Passkey name').fill('Work laptop')
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication is on.' })).toBeVisible()
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10)
  await expect(page.getByRole('button', { name: 'Remove the passkey Work laptop' })).toBeVisible()
  await signOut(page)

  await fillSignIn(page, creds)
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible()
  await page.getByRole('button', { name: 'Use a passkey' }).click()
  await expect(userMenu(page)).toBeVisible()
})
