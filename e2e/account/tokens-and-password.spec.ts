import { expect, test } from '@playwright/test'
import { signIn, signInAsNew, signInAlert, fillSignIn, FAILED } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('My account', () => {
  test('generate an API token, call the API with it, revoke it (then 401)', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/account')
    await page.getByLabel('Token name').fill('CRM sync')
    await page.getByRole('button', { name: 'Generate API token' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Copy it now' })).toBeVisible()
    const token = (await page.getByTestId('new-token').textContent())!.trim()
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/)
    await expect(page.getByRole('row', { name: /CRM sync/ })).toContainText(token.slice(0, 10))

    const list = await request.get('/api/v1/users?q=ana', { headers: { authorization: `Bearer ${token}` } })
    expect(list.status()).toBe(200)
    expect((await list.json()).data.map((u: { fullName: string }) => u.fullName)).toEqual(['Ana Lima'])

    await page.getByRole('button', { name: 'Revoke CRM sync' }).click()
    await page.getByRole('dialog', { name: 'Revoke the token “CRM sync”?' }).getByRole('button', { name: 'Revoke' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'revoked' })).toBeVisible()
    const after = await request.get('/api/v1/users', { headers: { authorization: `Bearer ${token}` } })
    expect(after.status()).toBe(401)
    expect(await after.json()).toEqual({ error: { code: 'unauthorized', message: 'Send a valid API token: Authorization: Bearer sb_…' } })
  })

  test('an admin generates a token on a user’s page; a deactivated user’s token stops working', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const supervisor = await data.user(ws.tenantId, { role: 'Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto(`/users/${supervisor.id}/edit`)
    await page.getByLabel('Token name').fill('Wallboard')
    await page.getByRole('button', { name: 'Generate API token' }).click()
    const token = (await page.getByTestId('new-token').textContent())!.trim()
    const headers = { authorization: `Bearer ${token}` }
    expect((await request.get(`/api/v1/users/${supervisor.id}`, { headers })).status()).toBe(200)

    await data.setStatus(ws.tenantId, supervisor.id, 'inactive')
    expect((await request.get(`/api/v1/users/${supervisor.id}`, { headers })).status()).toBe(401)
    await data.setStatus(ws.tenantId, supervisor.id, 'active')
    expect((await request.get(`/api/v1/users/${supervisor.id}`, { headers })).status()).toBe(200)
  })

  test('change your own password: this browser stays signed in, another is signed out, the new password works', async ({
    page,
    browser,
    request,
  }) => {
    const { ws, user } = await signInAsNew(page, request, 'Agent')
    const other = await browser.newPage()
    await signIn(other, { workspace: ws.slug, identifier: user.username, password: user.password })

    await page.goto('/account')
    await page.getByLabel('Current password').fill('not-my-password')
    await page.getByLabel('New password').fill('amber-lantern-77-orchard')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByLabel('Current password')).toHaveAccessibleDescription('That is not your current password.')
    await expect(page.getByLabel('New password')).toHaveValue('')

    await page.getByLabel('Current password').fill(user.password)
    await page.getByLabel('New password').fill('amber-lantern-77-orchard')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()

    await other.goto('/account')
    await expect(other).toHaveURL(/\/sign-in/)
    await fillSignIn(other, { workspace: ws.slug, identifier: user.username, password: user.password })
    await expect(signInAlert(other)).toContainText(FAILED)
    await signIn(other, { workspace: ws.slug, identifier: user.username, password: 'amber-lantern-77-orchard' })
    await other.close()
  })
})
