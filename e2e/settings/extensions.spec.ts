import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('Settings › Extensions', () => {
  test('create an extension, show its generated SIP password, change it, and find it in the list', async ({ page, request }) => {
    const ws = await testData(request).workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings')
    await page.getByRole('link', { name: 'Extensions' }).click()
    await page.getByRole('link', { name: 'New extension' }).click()
    await page.getByLabel('Number').fill('2001')
    await page.getByLabel('SIP', { exact: true }).check()
    await page.getByLabel('Voicemail on').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByLabel('Voicemail PIN')).toHaveAccessibleDescription(/Set a PIN/)
    await expect(page.getByLabel('Number')).toHaveValue('2001')
    await page.getByLabel('Voicemail PIN').fill('4321')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Extension created.' })).toBeVisible()

    await page.getByRole('button', { name: 'Show' }).click()
    const generated = (await page.getByTestId('sip-password').textContent())!.trim()
    expect(generated.length).toBeGreaterThanOrEqual(16)

    await page.getByText('Change SIP password...').click()
    await page.getByLabel('New SIP password').fill('short')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByLabel('New SIP password')).toHaveAccessibleDescription(/at least 16/)
    await page.getByLabel('New SIP password').fill('a-brand-new-sip-secret-42')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page.getByTestId('sip-password')).toHaveText('a-brand-new-sip-secret-42')

    await page.goto('/settings/extensions?q=200')
    await expect(page.getByRole('rowheader')).toHaveText(['2001'])
    // The list never shows a secret.
    await expect(page.getByText('a-brand-new-sip-secret-42')).toHaveCount(0)
  })

  test('a range skips taken numbers and says which; deleting a linked extension asks first and unlinks the user', async ({
    page,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId) // Ana Lima has extension 201
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings/extensions')
    await page.getByLabel('From').fill('200')
    await page.getByLabel('To').fill('205')
    await page.getByRole('button', { name: 'Create range' }).click()
    await expect(page.getByRole('status')).toContainText('Created 4 extensions (200, 203, 204, 205). Skipped 2 already taken: 201, 202.')

    await page.getByRole('link', { name: 'Edit extension 201' }).click()
    await expect(page.getByText('Used by Ana Lima')).toBeVisible()
    await page.getByRole('link', { name: 'Delete this extension' }).click()
    await expect(page.getByText('Ana Lima')).toBeVisible()
    await page.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Extension deleted.' })).toBeVisible()
    expect((await data.userRecord(ws.tenantId, 'ana.lima')).extensionId).toBeNull()
  })

  test('works without JavaScript: create and edit', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const ws = await testData(request).workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings/extensions/new')
    await page.getByLabel('Number').fill('3a')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByLabel('Number')).toHaveAccessibleDescription(/2 to 10 digits/)
    await page.getByLabel('Number').fill('3001')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('Extension created.')).toBeVisible()
    await page.getByLabel('Number').fill('3002')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('Changes saved.')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Extension 3002' })).toBeVisible()
    await context.close()
  })
})
