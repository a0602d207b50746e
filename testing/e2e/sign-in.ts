import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { testData, type E2EUser, type E2EWorkspace } from './test-data'

export const FAILED = 'We could not sign you in with those details.'

export async function fillSignIn(page: Page, values: { workspace: string; identifier: string; password: string }) {
  await page.getByLabel('Workspace').fill(values.workspace)
  await page.getByLabel('Username or email').fill(values.identifier)
  await page.getByLabel('Password').fill(values.password)
  // Wait for the server's answer, so a stale alert from the previous try can't pass for this one.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ])
}

/** Signs in on `origin` (another instance's, say), or the suite's own server. */
export async function signIn(page: Page, values: { workspace: string; identifier: string; password: string }, origin = '') {
  await page.goto(`${origin}/sign-in`)
  await fillSignIn(page, values)
  // '/' redirects on to the user's first section: wait for where they land.
  await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/')
  await expect(userMenu(page)).toBeVisible()
}

/** The sign-in form's own alert (Next.js adds a route announcer with role=alert too). */
export const signInAlert = (page: Page) => page.locator('#sign-in-error')

// The header has a wide-screen user menu and a phone menu; only one shows at a time.
export const userMenu = (page: Page) => page.locator('header summary').filter({ visible: true })

export async function signOut(page: Page) {
  const button = page.getByRole('button', { name: 'Sign out', exact: true })
  // A page that is still re-rendering (a refresh after an action) can close the menu under the click: open it until it stays open.
  await expect(async () => {
    if (!(await button.isVisible())) await userMenu(page).click()
    await button.click({ timeout: 2_000 })
  }).toPass()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}

/** A fresh workspace with one user of `role`, signed in on `page`. */
export async function signInAsNew(
  page: Page,
  request: APIRequestContext,
  role: 'Admin' | 'Supervisor' | 'Agent',
): Promise<{ ws: E2EWorkspace; user: E2EUser }> {
  const data = testData(request)
  const ws = await data.workspace()
  const user = await data.user(ws.tenantId, { role })
  await signIn(page, { workspace: ws.slug, identifier: user.username, password: user.password })
  return { ws, user }
}
