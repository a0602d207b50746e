import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('delete and restore a user', () => {
  test('Actions › Delete asks first, then the user leaves the list; Settings › Deleted users › Restore brings them back', async ({
    page,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })

    await page.goto('/users?q=bo.chen')
    await page.getByLabel('Actions for Bo Chen').click()
    await page.getByRole('link', { name: 'Delete' }).click()
    await expect(page.getByRole('heading', { name: 'Delete Bo Chen?' })).toBeVisible()
    await page.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'User deleted.' })).toBeVisible()
    await page.goto('/users?q=bo.chen')
    await expect(page.getByText('No users match this search.')).toBeVisible()
    expect((await data.userRecord(ws.tenantId, 'bo.chen')).deleted).toBe(true)

    await page.goto('/settings')
    await page.getByRole('link', { name: 'Deleted users' }).click()
    await page.getByRole('button', { name: 'Restore Bo Chen' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Bo Chen is restored.' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Restore Bo Chen' })).toHaveCount(0)
    await page.goto('/users?q=bo.chen')
    await expect(page.getByRole('rowheader')).toHaveText(['Bo Chen'])
    // Bo got extension 202 back.
    await expect(page.getByRole('cell', { name: '202 (WebRTC)' })).toBeVisible()
  })

  test('the confirmation refuses to delete yourself, without JavaScript too', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const ws = await testData(request).workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto(`/users/${ws.admin.id}/delete`)
    await page.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByText('You can’t delete yourself.')).toBeVisible()
    expect((await testData(request).userRecord(ws.tenantId, ws.admin.username)).id).toBe(ws.admin.id)
    await context.close()
  })
})
