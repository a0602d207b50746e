import { expect, test } from '@playwright/test'
import { testData } from '@/testing/e2e/test-data'
import { signIn, signOut } from '@/testing/e2e/sign-in'

test.describe('sessions end on the next request', () => {
  test('when the user is deactivated', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const user = await data.user(ws.tenantId, { role: 'Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: user.username, password: user.password })
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()

    await data.setStatus(ws.tenantId, user.id, 'inactive')
    await page.reload()
    await expect(page).toHaveURL(/\/sign-in(\?next=[^&]+)?$/)
    const sessions = await data.dashboardSessions(ws.tenantId, user.id)
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ endReason: 'inactive' })
    expect(sessions[0]?.endedAt).not.toBeNull()
  })

  test('when the session version is bumped (password change, revocation)', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await data.bumpSessionVersion(ws.tenantId, ws.admin.id)
    await page.getByRole('link', { name: 'Reports' }).click()
    await expect(page).toHaveURL(/\/sign-in(\?next=[^&]+)?$/)
    // Signing in again works: a new session with the new version.
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  })

  test('signing out ends the server-side session, and the old cookie is no longer accepted', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    const cookies = await page.context().cookies()
    await signOut(page)
    const sessions = await data.dashboardSessions(ws.tenantId, ws.admin.id)
    expect(sessions[0]).toMatchObject({ endReason: 'signed_out' })

    // Replaying the copied session cookie gets nowhere.
    await page.context().addCookies(cookies)
    await page.goto('/users')
    await expect(page).toHaveURL(/\/sign-in(\?next=[^&]+)?$/)
  })
})
