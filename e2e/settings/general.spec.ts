import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

// Settings › General: the workspace's time zone, with JavaScript and without.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled })
    test('an admin sets the workspace time zone; it is kept and shown again', async ({ page, request }) => {
      const ws = await testData(request).workspace()
      await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
      await page.goto('/settings')
      await page.getByRole('link', { name: 'General' }).click()
      await expect(page.getByRole('heading', { name: 'General' })).toBeVisible()
      await expect(page.getByLabel('Time zone')).toHaveValue('UTC')
      await page.getByLabel('Time zone').selectOption('Europe/Paris')
      await page.getByRole('button', { name: 'Save' }).click()
      await expect(page.getByText('Time zone set to Europe/Paris.')).toBeVisible()
      await page.reload()
      await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris')
    })
  })
}
