import { expect, test } from '@playwright/test'
import { signIn, signInAsNew, userMenu } from '@/testing/e2e/sign-in'
import { chooseFilter, filterMenu } from '@/testing/e2e/filters'
import { testData } from '@/testing/e2e/test-data'

/** The admin console's shared behaviour: layout at both sizes, the filter toolbar, feedback and confirmations. */

const noEmptyParameters = (url: string) => [...new URL(url).searchParams.values()].every((v) => v !== '')

test('at 1280×800 the Users list shows every row’s Actions without scrolling', async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  const { ws } = await signInAsNew(page, request, 'Admin')
  await testData(request).people(ws.tenantId)
  await page.goto('/users')
  for (const actions of await page.locator('tbody .row-menu > summary').all()) {
    const box = (await actions.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(1280)
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
})

test('on a phone the one menu reaches the nav, My account and Sign out', async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signInAsNew(page, request, 'Admin')
  const menu = page.getByRole('banner').getByText('Menu')
  await menu.click()
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page).toHaveURL(/\/settings$/)
  await menu.click()
  await page.getByRole('link', { name: 'My account' }).click()
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()
  await menu.click()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('link', { name: 'My account' })).toBeHidden()
  await menu.click()
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

for (const javaScriptEnabled of [true, false]) {
  test(`two roles in the filter toolbar, then a chip removes one (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/users')
    await chooseFilter(page, 'Role', 'Agent')
    if (javaScriptEnabled) await expect(page).toHaveURL(/role=Agent/)
    await chooseFilter(page, 'Role', 'Supervisor')
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/role=Agent&role=Supervisor|role=Supervisor&role=Agent/)
    expect(noEmptyParameters(page.url())).toBe(true)
    await expect(page.getByText('Role: 2')).toBeVisible()
    await expect(page.getByRole('row', { name: /Ana Lima/ })).toBeVisible()
    await expect(page.getByRole('row', { name: /Di Müller/ })).toBeVisible()
    await expect(page.getByRole('row', { name: /Ed Xu/ })).toHaveCount(0)
    // Profile offers only the chosen roles' profiles.
    await filterMenu(page, 'Profile').click()
    await expect(page.getByRole('checkbox', { name: 'Shift Leads (Supervisor)' })).toBeVisible()

    await page.getByRole('link', { name: 'Remove filter Role: Supervisor' }).click()
    await expect(page).toHaveURL(/\?role=Agent$/)
    await expect(page.getByRole('row', { name: /Di Müller/ })).toHaveCount(0)
    await expect(page.getByText('Role: 1')).toBeVisible()
    await page.getByRole('link', { name: 'Clear all filters' }).click()
    await expect(page).toHaveURL(/\/users$/)
    await context.close()
  })
}

test('Profile says so when the chosen role has no profiles', async ({ page, request }) => {
  await signInAsNew(page, request, 'Admin')
  await page.goto('/users?role=Agent')
  await filterMenu(page, 'Profile').click()
  await expect(page.getByText('No profiles for Agent.')).toBeVisible()
})

test('a refused save shows only the error, focused; a success message is read once', async ({ page, request }) => {
  const { ws } = await signInAsNew(page, request, 'Admin')
  const target = await testData(request).user(ws.tenantId, { role: 'Agent' })
  await page.goto(`/users/${target.id}/edit`)
  await page.getByLabel('Full name').fill('Renamed Once')
  await page.getByRole('button', { name: 'Save' }).click()
  const saved = page.getByRole('status').filter({ hasText: 'Changes saved.' })
  await expect(saved).toBeVisible()
  expect(page.url()).not.toContain('saved')
  await page.getByLabel('Full name').fill('')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'The user was not saved' })).toBeFocused()
  await expect(saved).toHaveCount(0)
  await page.reload()
  await expect(page.getByLabel('Full name')).toHaveValue('Renamed Once')
  await expect(saved).toHaveCount(0)
})

test('every destructive action asks first and names what it affects', async ({ page, request }) => {
  const { ws } = await signInAsNew(page, request, 'Admin')
  await testData(request).people(ws.tenantId)
  const danger = (name: string) => page.getByRole('dialog').getByRole('button', { name, exact: true })

  // Revoke a token.
  await page.goto('/account')
  await page.getByLabel('Token name').fill('ci-pipeline')
  await page.getByRole('button', { name: 'Generate API token' }).click()
  await page.getByRole('button', { name: 'Revoke ci-pipeline' }).click()
  await expect(page.getByRole('dialog', { name: 'Revoke the token “ci-pipeline”?' })).toBeVisible()
  await expect(danger('Revoke')).toHaveClass(/btn-danger/)
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('button', { name: 'Revoke ci-pipeline' })).toBeVisible()
  await page.getByRole('button', { name: 'Revoke ci-pipeline' }).click()
  await danger('Revoke').click()
  await expect(page.getByText(/^Revoked /)).toBeVisible()

  // Remove a group member, then delete the group.
  await page.goto('/settings/groups')
  await page.getByRole('link', { name: 'Support Desk', exact: true }).click()
  await page.getByRole('button', { name: 'Remove Ana Lima' }).click()
  await expect(page.getByRole('dialog', { name: 'Remove Ana Lima from Support Desk?' })).toBeVisible()
  await danger('Remove').click()
  await expect(page.getByRole('button', { name: 'Remove Ana Lima' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Delete group' }).click()
  await expect(page.getByRole('dialog', { name: 'Delete the group “Support Desk”?' })).toBeVisible()
  await danger('Delete group').click()
  await expect(page.getByRole('status').filter({ hasText: 'Group deleted.' })).toBeVisible()

  // Delete a profile, regenerate the directory URL.
  await page.goto('/settings/profiles')
  await page.getByRole('link', { name: 'Shift Leads', exact: true }).click()
  await page.getByRole('button', { name: 'Delete profile' }).click()
  await expect(page.getByRole('dialog', { name: 'Delete the profile “Shift Leads”?' })).toContainText('1 user holds it.')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
  await page.goto('/settings/directory')
  await page.getByRole('button', { name: 'Generate a new URL' }).click()
  await danger('Generate a new URL').click()
  await expect(page.getByRole('status').filter({ hasText: 'New directory URL generated.' })).toBeVisible()

  // Bulk delete names whom; a single delete from a filtered list comes back to it.
  await page.goto('/users?role=Agent')
  await page.getByRole('checkbox', { name: 'Select Ana Lima' }).check()
  await page.getByRole('checkbox', { name: 'Select Bo Chen' }).check()
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('heading', { name: 'Delete 2 users?' })).toBeVisible()
  await expect(page.getByRole('dialog')).toContainText('Ana Lima and Bo Chen')
  await expect(danger('Delete 2 users')).toHaveClass(/btn-danger/)
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
  // A row menu's Delete asks in the same dialog, and the list stays as it was filtered.
  await page.getByLabel('Actions for Bo Chen').click()
  await page.getByRole('link', { name: 'Delete' }).click()
  await expect(page.getByRole('heading', { name: 'Delete Bo Chen?' })).toBeVisible()
  await expect(danger('Delete')).toHaveClass(/btn-danger/)
  await danger('Delete').click()
  await expect(page.getByRole('status').filter({ hasText: 'User deleted.' })).toBeVisible()
  await expect(page).toHaveURL(/\/users\?role=Agent$/)
  await expect(page.getByRole('rowheader', { name: 'Bo Chen' })).toHaveCount(0)
})

test('without JavaScript a destructive action asks in place first', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  await data.people(ws.tenantId)
  const helper = await browser.newContext()
  await signIn(await helper.newPage(), { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  const context = await browser.newContext({ javaScriptEnabled: false })
  await context.addCookies(await helper.cookies())
  const page = await context.newPage()
  await page.goto('/settings/groups')
  await page.getByRole('link', { name: 'Support Desk', exact: true }).click()
  await page.locator('summary', { hasText: 'Remove' }).first().click()
  await expect(page.getByText(/^Remove (Ana Lima|Bo Chen) from Support Desk\?$/).filter({ visible: true })).toBeVisible()
  await page.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(page.getByRole('status')).toContainText('Removed from the group.')

  // Delete from a filtered list: the confirmation page, then back to that view.
  await page.goto('/users?role=Agent')
  await page.getByLabel('Actions for Bo Chen').click()
  await page.getByRole('link', { name: 'Delete' }).click()
  await expect(page.getByRole('heading', { name: 'Delete Bo Chen?' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveClass(/btn-danger/)
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page).toHaveURL(/\/users\?role=Agent$/)
  await expect(page.getByRole('status').filter({ hasText: 'User deleted.' })).toBeVisible()
  await helper.close()
  await context.close()
})

test('Select all N matching deactivates exactly the filtered set', async ({ page, request }) => {
  const { ws, user } = await signInAsNew(page, request, 'Admin')
  const data = testData(request)
  const stamp = `Night ${Date.now()}`
  const night = await Promise.all(Array.from({ length: 27 }, () => data.user(ws.tenantId, { role: 'Agent', fullName: stamp })))
  const day = await Promise.all([
    data.user(ws.tenantId, { role: 'Agent' }),
    data.user(ws.tenantId, { role: 'Supervisor', fullName: stamp }),
  ])
  await page.goto(`/users?q=${encodeURIComponent(stamp)}&role=Agent`)
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check()
  await page.getByRole('button', { name: 'Select all 27 matching' }).click()
  await expect(page.getByText('All 27 users matching selected')).toBeVisible()
  await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Deactivate' }).click()
  await expect(page.getByRole('heading', { name: 'Deactivate 27 users?' })).toBeVisible()
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate 27 users' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Deactivated 27 users.' })).toBeVisible()
  const statuses = await data.statuses(
    ws.tenantId,
    [...night, ...day, user].map((u) => u.id),
  )
  expect(night.map((u) => statuses[u.id])).toEqual(night.map(() => 'inactive'))
  expect([...day, user].map((u) => statuses[u.id])).toEqual(['active', 'active', 'active'])
})

test('a supervisor gets a read-only user page instead of Edit', async ({ page, request }) => {
  const { ws } = await signInAsNew(page, request, 'Supervisor')
  await testData(request).people(ws.tenantId)
  await page.goto('/users')
  await page.getByLabel('Actions for Ana Lima').click()
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0)
  await page.getByRole('link', { name: 'View' }).click()
  await expect(page.getByRole('heading', { name: 'Ana Lima' })).toBeVisible()
  await expect(page).toHaveTitle('Ana Lima · User · Switchboard')
  await expect(page.getByText('ana.lima', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0)
})

test('the theme switch is remembered by the browser and works without JavaScript', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'light' })
  const page = await context.newPage()
  await page.goto('/sign-in')
  await page.getByLabel('Workspace').fill(ws.slug)
  await page.getByLabel('Username or email').fill(ws.admin.username)
  await page.getByLabel('Password').fill(ws.admin.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await userMenu(page).click()
  await page.getByRole('button', { name: 'Dark' }).first().click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.goto('/account')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await page.evaluate(() => getComputedStyle(document.body).colorScheme)).toBe('dark')
  await context.close()
})

test('without JavaScript, SIP Show reveals the password and no Copy button is offered', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const helper = await browser.newContext()
  const helperPage = await helper.newPage()
  await signIn(helperPage, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  // Made through the form, so it has a generated SIP password.
  await helperPage.goto('/settings/extensions/new')
  await helperPage.getByLabel('Number').fill('7301')
  await helperPage.getByLabel('SIP', { exact: true }).check()
  await helperPage.getByRole('button', { name: 'Save' }).click()
  await expect(helperPage.getByRole('status').filter({ hasText: 'Extension created.' })).toBeVisible()
  const extensionPath = new URL(helperPage.url()).pathname
  const context = await browser.newContext({ javaScriptEnabled: false })
  await context.addCookies(await helper.cookies())
  const page = await context.newPage()
  await page.goto(extensionPath)
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByTestId('sip-password')).not.toBeEmpty()
  await expect(page.getByRole('button', { name: 'Hide' })).toHaveCount(0)
  await page.goto('/settings/directory')
  await expect(page.getByLabel('Yealink', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: /Copy/ })).toHaveCount(0)
  await helper.close()
  await context.close()
})
