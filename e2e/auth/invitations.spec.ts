import { expect, test, type Browser, type Page } from '@playwright/test'
import { linkIn, mailTo } from '@/testing/e2e/mail'
import { fillSignIn, signIn, signInAlert, userMenu } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

const NEW_PASSWORD = 'meadow-copper-83-violin'

/** Users › Create with `Send an invitation email` (no password typed). */
async function invite(page: Page, who: { fullName: string; email: string; username: string }) {
  await page.goto('/users/new')
  await page.getByLabel('Full name').fill(who.fullName)
  await page.getByLabel('Email', { exact: true }).fill(who.email)
  await page.getByLabel('Username').fill(who.username)
  await page.getByLabel('Send an invitation email').check()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('heading', { name: `Edit: ${who.fullName}` })).toBeVisible()
  await expect(page.locator('#sign-in')).toContainText('Invited')
}

/** Opens a mailed link in a browser of its own (the invited person's), with or without JavaScript. */
async function setPasswordFrom(browser: Browser, link: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Set your password' })).toBeVisible()
  await page.getByLabel('New password').fill('short')
  await page.getByRole('button', { name: 'Set password' }).click()
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible()
  await page.getByLabel('New password').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Set password' }).click()
  return { context, page }
}

for (const javaScriptEnabled of [true, false]) {
  test(`invite a user, follow the mailed link, set a password and land signed in (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
    request,
  }) => {
    const ws = await testData(request).workspace()
    const admin = await browser.newContext({ javaScriptEnabled })
    const adminPage = await admin.newPage()
    await signIn(adminPage, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    const id = `${Date.now().toString(36)}${javaScriptEnabled ? 'j' : 'n'}`
    const who = { fullName: `Invitee ${id}`, email: `invitee.${id}@calls.example`, username: `invitee.${id}` }
    await invite(adminPage, who)

    const mail = await mailTo(who.email)
    expect(mail.subject).toContain('invitation')
    expect(mail.text).toContain(who.username)
    expect(mail.html).toContain('Set your password')
    const { context, page } = await setPasswordFrom(browser, linkIn(mail, '/invitation'), javaScriptEnabled)
    await page.waitForURL((url) => !url.pathname.startsWith('/invitation'))
    await expect(userMenu(page)).toBeVisible()
    // No password, token or secret in the mail: the only credential is the link, and it is used up.
    expect(mail.text).not.toContain(NEW_PASSWORD)
    await page.goto(linkIn(mail, '/invitation'))
    await expect(page.getByRole('heading', { name: 'This invitation can’t be used' })).toBeVisible()
    await expect(page.getByText('This invitation was already used.')).toBeVisible()
    await context.close()

    await adminPage.goto('/users')
    await expect(adminPage.getByRole('row', { name: new RegExp(who.fullName) })).not.toContainText('Invited')
    await admin.close()
  })
}

test('Resend invitation ends the old link', async ({ page, browser, request }) => {
  const ws = await testData(request).workspace()
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  const id = Date.now().toString(36)
  const who = { fullName: `Twice ${id}`, email: `twice.${id}@calls.example`, username: `twice.${id}` }
  await invite(page, who)
  const editPage = page.url()
  await page.goto(`/users?q=${who.username}`)
  await expect(page.getByRole('row', { name: new RegExp(who.fullName) })).toContainText('Invited')
  await page.goto(editPage)
  const first = linkIn(await mailTo(who.email), '/invitation')
  await page.getByRole('button', { name: 'Resend invitation' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${who.email}.` })).toBeVisible()
  const second = linkIn(await mailTo(who.email, 2), '/invitation')
  expect(second).not.toBe(first)
  const other = await browser.newContext()
  const invitee = await other.newPage()
  await invitee.goto(first)
  await expect(invitee.getByText('This invitation no longer works')).toBeVisible()
  await invitee.goto(second)
  await expect(invitee.getByRole('heading', { name: 'Set your password' })).toBeVisible()
  await other.close()
})

test('Forgot password: the same answer for anyone; the link sets a new password and the old one stops working', async ({
  page,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const user = await data.user(ws.tenantId, { role: 'Agent' })
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Forgot password?' }).click()
  await expect(page.getByRole('heading', { name: 'Forgot password?' })).toBeVisible()
  await page.getByLabel('Workspace').fill(ws.slug)
  await page.getByLabel('Email').fill('nobody@calls.example')
  await page.getByRole('button', { name: 'Send reset link' }).click()
  const answer = page.getByRole('status').filter({ hasText: 'If an account exists for that email address' })
  await expect(answer).toBeVisible()
  await page.goto('/sign-in/forgot')
  await page.getByLabel('Workspace').fill(ws.slug)
  await page.getByLabel('Email').fill(user.email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(answer).toBeVisible()

  const mail = await mailTo(user.email)
  expect(mail.text).not.toContain(user.password)
  await page.goto(linkIn(mail, '/reset-password'))
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  await page.getByLabel('New password').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Set password' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your password was changed' })).toBeVisible()
  await fillSignIn(page, { workspace: ws.slug, identifier: user.username, password: user.password })
  await expect(signInAlert(page)).toBeVisible()
  await signIn(page, { workspace: ws.slug, identifier: user.username, password: NEW_PASSWORD })
})
