import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, type Page } from '@playwright/test'
import { testData, type E2EWorkspace } from '@/testing/e2e/test-data'
import { signIn, signInAlert, signOut, userMenu } from '@/testing/e2e/sign-in'
import { startOidcProvider, type TestOidcProvider } from '@/testing/oidc-provider'

/**
 * Single sign-on in Chromium against a real OpenID provider (oidc-provider)
 * started by the test on loopback: set up in Settings, Test sign-in, sign in
 * with JavaScript on and off, each refusal on its own clear page, and Require
 * single sign-on with its break-glass admins.
 */

const REFUSED = 'Single sign-on didn’t work'
const callbackOf = (ws: E2EWorkspace, baseURL: string) => `${baseURL}/sign-in/${ws.slug}/sso/callback`

async function configure(page: Page, idp: { issuer: string; clientId: string; clientSecret: string }, name = 'Test IdP') {
  await page.goto('/settings/single-sign-on')
  await page.getByLabel('Issuer URL').fill(idp.issuer)
  await page.getByLabel('Client ID').fill(idp.clientId)
  await page.getByLabel('Client secret').fill(idp.clientSecret)
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Saved. People of this workspace can sign in with single sign-on.')).toBeVisible()
}

/** At the provider's page: who signs in there. */
async function atProvider(page: Page, login: string) {
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible()
  await page.getByLabel('Email').fill(login)
  await page.getByRole('button', { name: 'Continue' }).click()
}

test.describe('single sign-on', () => {
  let idp: TestOidcProvider
  let ws: E2EWorkspace

  test.beforeEach(async ({ request, baseURL }) => {
    ws = await testData(request).workspace()
    idp = await startOidcProvider({ redirectUris: [callbackOf(ws, baseURL!)] })
  })
  test.afterEach(async () => {
    await idp.close()
  })

  test('an admin sets it up and tests it; a user signs in with it, and Login times say SSO', async ({ page, browser, request }) => {
    const data = testData(request)
    const user = await data.user(ws.tenantId, { role: 'Supervisor', fullName: 'Sasha Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings/single-sign-on')
    await expect(page.getByRole('textbox', { name: 'Redirect URL' })).toHaveValue(new RegExp(`/sign-in/${ws.slug}/sso/callback$`))
    await configure(page, idp)

    await page.getByRole('link', { name: 'Test sign-in' }).click()
    await atProvider(page, user.email.toLowerCase())
    await expect(page.getByText('Test sign-in worked:')).toBeVisible()
    await expect(page.getByText(`signs in as Sasha Supervisor (${user.username})`)).toBeVisible()
    // The test signed nobody in: the admin is still the admin.
    await expect(page.getByRole('heading', { name: 'Single sign-on' })).toBeVisible()

    const context = await browser.newContext()
    const other = await context.newPage()
    await other.goto(`/sign-in/${ws.slug}`)
    await other.getByRole('link', { name: 'Sign in with Test IdP' }).click()
    await atProvider(other, user.email)
    await other.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await expect(userMenu(other)).toBeVisible()
    await context.close()

    const events = (await data.loginEvents(ws.tenantId)).filter((e) => e.userId === user.id)
    expect(events.map((e) => `${e.outcome}:${e.factor}`)).toEqual(['success:sso'])
    await page.goto(`/users/${user.id}/login-times`)
    await expect(page.getByText('Success (SSO)')).toBeVisible()
  })

  test('works without JavaScript: which workspace, the button, the provider, signed in', async ({ browser, request, page }) => {
    const user = await testData(request).user(ws.tenantId, { role: 'Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await configure(page, idp, 'Acme Login')
    const context = await browser.newContext({ javaScriptEnabled: false })
    const plain = await context.newPage()
    await plain.goto('/sign-in')
    await plain.getByRole('link', { name: 'Sign in with single sign-on' }).click()
    await plain.getByLabel('Workspace').fill(ws.slug)
    await plain.getByRole('button', { name: 'Continue' }).click()
    await expect(plain).toHaveURL(new RegExp(`/sign-in/${ws.slug}$`))
    await plain.getByRole('link', { name: 'Sign in with Acme Login' }).click()
    await atProvider(plain, user.email)
    await plain.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await expect(plain.getByRole('heading', { level: 1 })).toBeVisible()
    await context.close()
  })

  test('refuses, each on a clear page: a replayed callback, a replayed code, a bad state, an unverified email, a user of another workspace', async ({
    page,
    request,
    browser,
  }) => {
    // Five sign-ins through the provider and back, each with its own pages: more than the default 30 s on 2 cores.
    test.setTimeout(90_000)
    const data = testData(request)
    const user = await data.user(ws.tenantId, { role: 'Supervisor' })
    const stranger = await data.workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await configure(page, idp)
    const context = await browser.newContext()
    const tab = await context.newPage()

    /**
     * Starts a flow in this browser. The provider's own session from an earlier sign-in would finish it at once, so its
     * cookies go first; `stopAtProvider` keeps the flow open (its state is all we want) by not letting the request reach it.
     */
    const start = async (stopAtProvider = false) => {
      await context.clearCookies({ domain: '127.0.0.1' })
      await tab.goto(`/sign-in/${ws.slug}`)
      const authorize = tab.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth`))
      if (stopAtProvider) await tab.route(`${idp.issuer}/auth**`, (route) => route.abort())
      await tab.getByRole('link', { name: 'Sign in with Test IdP' }).click()
      const state = new URL((await authorize).url()).searchParams.get('state')!
      if (stopAtProvider) await tab.unroute(`${idp.issuer}/auth**`)
      return state
    }
    const refusedWith = async (sentence: string) => {
      await expect(tab.getByRole('heading', { name: REFUSED })).toBeVisible()
      await expect(tab.getByRole('alert').filter({ hasText: sentence })).toBeVisible()
    }

    // A good sign-in, whose callback URL (with its code) we keep.
    await start()
    const callback = tab.waitForRequest((r) => r.url().includes('/sso/callback'))
    await atProvider(tab, user.email)
    const used = new URL((await callback).url())
    await tab.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await signOut(tab)

    // The same callback again: the flow was used once.
    await tab.goto(used.href)
    await refusedWith('This sign-in took too long or was already finished.')

    // The old code with a new flow's state: the provider refuses to exchange it again.
    const state = await start(true)
    const replay = new URL(used)
    replay.searchParams.set('state', state)
    await tab.goto(replay.href)
    await refusedWith('its code was already used or has expired')

    // A state that is not the one this browser started.
    await start(true)
    const forged = new URL(used)
    forged.searchParams.set('state', 'not-the-state')
    await tab.goto(forged.href)
    await refusedWith('doesn’t belong to the sign-in this browser started')

    // An email the provider hasn't verified.
    idp.accounts.set('unverified', { email: user.email, emailVerified: false })
    await start()
    await atProvider(tab, 'unverified')
    await refusedWith('hasn’t verified your email address')

    // Someone of another workspace: their email matches nobody here.
    await start()
    await atProvider(tab, stranger.admin.email)
    await refusedWith('Nobody in this workspace has that email address.')
    await tab.getByRole('link', { name: 'Back to sign in' }).click()
    await expect(tab).toHaveURL(new RegExp(`/sign-in/${ws.slug}$`))
    await context.close()
  })

  test('refuses a provider whose issuer doesn’t match its URL (a wrong issuer), on a clear page', async ({ page, browser }) => {
    const real = await fetch(`${idp.issuer}/.well-known/openid-configuration`).then((r) => r.text())
    const impostor = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(real))
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
    try {
      await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
      await configure(page, { ...idp, issuer: `http://127.0.0.1:${(impostor.address() as AddressInfo).port}` })
      const context = await browser.newContext()
      const tab = await context.newPage()
      await tab.goto(`/sign-in/${ws.slug}`)
      await tab.getByRole('link', { name: 'Sign in with Test IdP' }).click()
      await expect(tab.getByRole('heading', { name: REFUSED })).toBeVisible()
      await expect(tab.getByRole('alert').filter({ hasText: 'its issuer didn’t match the one configured' })).toBeVisible()
      await context.close()
    } finally {
      impostor.close()
    }
  })

  test('Require single sign-on: needs a break-glass admin; then passwords work only for them', async ({ page, browser, request }) => {
    const agent = await testData(request).user(ws.tenantId, { role: 'Agent' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await configure(page, idp)
    await page.getByLabel('Require single sign-on').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Mark at least one active admin as break-glass first' }).first()).toBeVisible()
    await page.getByLabel('Require single sign-on').check()
    await page.getByRole('group', { name: 'Break-glass admins' }).getByRole('checkbox').first().check()
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('Single sign-on is required: only break-glass admins can sign in with a password.')).toBeVisible()

    const context = await browser.newContext()
    const tab = await context.newPage()
    await tab.goto(`/sign-in/${ws.slug}`)
    await expect(tab.getByText('Break-glass admins only: sign in with a password')).toBeVisible()
    await tab.getByLabel('Username or email').fill(agent.username)
    await tab.getByLabel('Password').fill(agent.password)
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(signInAlert(tab)).toContainText('This workspace signs in with Test IdP')
    // The break-glass admin still gets in with their password.
    await tab.getByLabel('Username or email').fill(ws.admin.username)
    await tab.getByLabel('Password').fill(ws.admin.password)
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click()
    await tab.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await expect(userMenu(tab)).toBeVisible()
    await context.close()
  })
})
