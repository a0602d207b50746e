import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { fillSignIn, signIn, signInAlert, signInAsNew } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

const PASSWORD = 'violet-harbour-42-kettle'

async function adminWithChoices(page: Page, request: APIRequestContext) {
  const data = testData(request)
  const ws = await data.workspace()
  const people = await data.people(ws.tenantId)
  const ext = await data.extension(ws.tenantId, '4711')
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  return { data, ws, people, ext }
}

test.describe('create and edit a user', () => {
  test('creates a user as the article’s steps go, then finds them in the list', async ({ page, request }) => {
    const { data, ws, people, ext } = await adminWithChoices(page, request)
    await page.goto('/users')
    await page.getByRole('link', { name: 'Create' }).click()
    await expect(page.getByRole('heading', { name: 'Create user' })).toBeVisible()

    await page.getByLabel('Full name').fill('Grace Hopper')
    await page.getByLabel('Email', { exact: true }).fill('grace@calls.example')
    await page.getByLabel('Username').fill('grace.h')
    await page.getByLabel('Notes').fill('Covers nights')
    await page.getByLabel('Job title').fill('Team lead')
    await page.getByLabel('Department').fill('Support')
    await page.getByLabel('Mobile').fill('+44 7911 123456')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Extension', { exact: true }).selectOption({ label: '4711' })
    await page.getByLabel('SIP').check()
    await page.getByLabel('Force login').check()
    await page.getByLabel('Role').selectOption('Supervisor')
    // With JavaScript the Profile list follows the Role.
    await expect(page.getByLabel('Profile').locator('option')).toHaveText(['No profile', 'Shift Leads'])
    await page.getByLabel('Profile').selectOption({ label: 'Shift Leads' })
    await page.getByLabel('Sales Team').check()
    await page.getByLabel('Status').selectOption('active')
    await page.getByRole('button', { name: 'Save' }).click()

    await expect(page.getByRole('status').filter({ hasText: 'User created.' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Edit: Grace Hopper' })).toBeVisible()
    const saved = await data.userRecord(ws.tenantId, 'grace.h')
    expect(saved).toMatchObject({
      fullName: 'Grace Hopper',
      mobile: '+447911123456',
      extensionId: ext.id,
      extensionType: 'SIP',
      forceLogin: true,
      role: 'Supervisor',
      profileId: people.profiles.leads,
      groupIds: [people.groups.sales],
      status: 'active',
    })

    await page.goto('/users?q=4711')
    await expect(page.getByRole('rowheader')).toHaveText(['Grace Hopper'])
  })

  test('bad input is answered next to each field, and what was typed stays (but not the password)', async ({ page, request }) => {
    const { data, ws } = await adminWithChoices(page, request)
    await page.goto('/users/new')
    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email', { exact: true }).fill('ada@')
    await page.getByLabel('Username').fill('ana.lima') // taken by a seeded person
    await page.getByLabel('Mobile').fill('12345')
    await page.getByLabel('Password', { exact: true }).fill('password1234')
    await page.getByLabel('Force login').check()
    await page.getByRole('button', { name: 'Save' }).click()

    const alert = page.locator('#user-form-error')
    await expect(alert).toContainText('The user was not saved')
    await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription(/valid email/)
    await expect(page.getByLabel('Mobile')).toHaveAccessibleDescription(/international format/)
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/too common/)
    await expect(page.getByLabel('Force login')).toHaveAccessibleDescription(/needs an extension/)
    await expect(page.getByLabel('Full name')).toHaveValue('Ada Lovelace')
    await expect(page.getByLabel('Username')).toHaveValue('ana.lima')
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('')
    expect((await data.userRecord(ws.tenantId, 'ana.lima')).fullName).toBe('Ana Lima')

    // Fix them one by one: the username is taken.
    await page.getByLabel('Email', { exact: true }).fill('ada@calls.example')
    await page.getByLabel('Mobile').fill('')
    await page.getByLabel('Force login').uncheck()
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByLabel('Username')).toHaveAccessibleDescription(/taken/)
    await page.getByLabel('Username').fill('ada.l')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'User created.' })).toBeVisible()
  })

  test('a save based on an old version is refused and shows the current values', async ({ browser, page, request }) => {
    const { data, ws, people } = await adminWithChoices(page, request)
    await page.goto(`/users/${people.ids.bo}/edit`)
    const second = await browser.newPage()
    await signIn(second, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await second.goto(`/users/${people.ids.bo}/edit`)

    await page.getByLabel('Job title').fill('First edit')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()

    await second.getByLabel('Job title').fill('Second edit')
    await second.getByRole('button', { name: 'Save' }).click()
    await expect(second.locator('#user-form-error')).toContainText('Someone else changed this user')
    await expect(second.getByLabel('Job title')).toHaveValue('First edit')
    expect((await data.userRecord(ws.tenantId, 'bo.chen')).jobTitle).toBe('First edit')

    // Saving again from the current values works.
    await second.getByLabel('Job title').fill('Second edit')
    await second.getByRole('button', { name: 'Save' }).click()
    await expect(second.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()
    expect((await data.userRecord(ws.tenantId, 'bo.chen')).jobTitle).toBe('Second edit')
    await second.close()
  })

  test('create and edit work with JavaScript disabled', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const { data, ws, people, ext } = await adminWithChoices(page, request)
    await page.goto('/users/new')
    await page.getByLabel('Full name').fill('Linus Pauling')
    await page.getByLabel('Email', { exact: true }).fill('linus@calls.example')
    await page.getByLabel('Username').fill('li')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Role').selectOption('Supervisor')
    // Without JavaScript every profile is offered under its role; the server checks the pair.
    await page.getByLabel('Profile').selectOption({ label: 'Shift Leads' })
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByLabel('Username')).toHaveAccessibleDescription(/3 to 32/)
    await expect(page.getByLabel('Full name')).toHaveValue('Linus Pauling')
    await expect(page.getByLabel('Role')).toHaveValue('Supervisor')

    await page.getByLabel('Username').fill('linus.p')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Extension', { exact: true }).selectOption({ label: '4711' })
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('User created.')).toBeVisible()
    const created = await data.userRecord(ws.tenantId, 'linus.p')
    expect(created).toMatchObject({ role: 'Supervisor', profileId: people.profiles.leads, extensionId: ext.id })

    // Edit: a profile of another role is refused by the server.
    await page.getByLabel('Role').selectOption('Agent')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByLabel('Profile')).toHaveAccessibleDescription(/Agent role/)
    await page.getByLabel('Profile').selectOption('')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('Changes saved.')).toBeVisible()
    expect(await data.userRecord(ws.tenantId, 'linus.p')).toMatchObject({ role: 'Agent', profileId: null, version: 2 })
    await context.close()
  })

  test('a supervisor can’t reach the form, and a signed-out visitor is sent to sign in', async ({ page, request, browser }) => {
    const { ws } = await signInAsNew(page, request, 'Supervisor')
    const someone = await testData(request).user(ws.tenantId)
    for (const path of ['/users/new', `/users/${someone.id}/edit`]) {
      const response = await page.goto(path)
      expect(response?.status()).toBe(404)
    }
    const anonymous = await browser.newPage()
    await anonymous.goto('/users/new')
    await expect(anonymous).toHaveURL(/\/sign-in/)
    await anonymous.close()
  })
})

test.describe('status and password from the edit form', () => {
  test('deactivate: they can’t sign in; reactivate: they can; a new password from the admin replaces the old one', async ({
    page,
    browser,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const agent = await data.user(ws.tenantId, { role: 'Agent' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    const agentPage = await browser.newPage()
    await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })

    await page.goto(`/users/${agent.id}/edit`)
    await page.getByLabel('Status').selectOption('inactive')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()
    // Their open session ends on the next request, and signing in again is refused.
    await agentPage.goto('/account')
    await expect(agentPage).toHaveURL(/\/sign-in/)
    await fillSignIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
    await expect(signInAlert(agentPage)).toBeVisible()

    await page.getByLabel('Status').selectOption('active')
    await page.getByText('Change password...').click()
    await page.getByLabel('Password', { exact: true }).fill('amber-lantern-77-orchard')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()

    await fillSignIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
    await expect(signInAlert(agentPage)).toBeVisible()
    await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: 'amber-lantern-77-orchard' })
    await agentPage.close()
  })
})
