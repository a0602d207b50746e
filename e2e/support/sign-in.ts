import { expect, type Page } from '@playwright/test'

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

export async function signIn(page: Page, values: { workspace: string; identifier: string; password: string }) {
  await page.goto('/sign-in')
  await fillSignIn(page, values)
  // '/' redirects on to the user's first section: wait for where they land.
  await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/')
  await expect(userMenu(page)).toBeVisible()
}

/** The sign-in form's own alert (Next.js adds a route announcer with role=alert too). */
export const signInAlert = (page: Page) => page.locator('#sign-in-error')

export const userMenu = (page: Page) => page.locator('header summary')

export async function signOut(page: Page) {
  await userMenu(page).click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}
