import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('Settings › Profiles and Groups', () => {
  test('a profile narrows a supervisor: the change reaches them on their next request; deleting it in use asks first', async ({
    page,
    browser,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const supervisor = await data.user(ws.tenantId, { role: 'Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings/profiles/new')
    await page.getByLabel('Name').fill('No reports')
    await page.getByLabel('Role').selectOption('Supervisor')
    // Only the role's permissions are offered.
    await expect(page.getByRole('checkbox')).toHaveCount(3)
    await page.getByLabel('users.read').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Profile created.' })).toBeVisible()
    const profileUrl = page.url()

    await page.goto(`/users/${supervisor.id}/edit`)
    await page.getByLabel('Profile').selectOption({ label: 'No reports' })
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()

    const theirs = await browser.newPage()
    await signIn(theirs, { workspace: ws.slug, identifier: supervisor.username, password: supervisor.password })
    await expect(theirs.getByRole('link', { name: 'Reports' })).toHaveCount(0)
    expect((await theirs.goto('/reports'))?.status()).toBe(404)

    await page.goto(profileUrl)
    await page.getByLabel('reports.read').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible()
    expect((await theirs.goto('/reports'))?.status()).toBe(200)

    // It asks first; confirmed without removing it from its holder, it is refused and says why.
    await page.getByRole('button', { name: 'Delete profile' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete profile' }).click()
    await expect(page.getByRole('alert').filter({ hasText: '1 user holds “No reports”' })).toBeVisible()
    await page.getByRole('button', { name: 'Delete profile' }).click()
    await page
      .getByRole('dialog')
      .getByLabel(/Also remove it from its 1 user/)
      .check()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete profile' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Profile deleted.' })).toBeVisible()
    expect((await data.userRecord(ws.tenantId, supervisor.username)).profileId).toBeNull()
    await theirs.close()
  })

  test('groups: create, add and remove a member, rename; the users list filters and searches by them', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const agent = await data.user(ws.tenantId, { role: 'Agent' })
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings/groups')
    await page.getByLabel('New group').fill('Night shift')
    await page.getByRole('button', { name: 'Create group' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Group “Night shift” created.' })).toBeVisible()
    await page.getByRole('link', { name: 'Night shift', exact: true }).click()
    await page.getByLabel('Add by username').fill(agent.username)
    await page.getByRole('button', { name: 'Add member' }).click()
    await expect(page.getByRole('rowheader')).toHaveCount(1)

    await page.goto('/users?q=night%20shi')
    await expect(page.getByRole('rowheader')).toHaveCount(1)
    await page.goto('/settings/groups')
    await page.getByRole('link', { name: /1 members of Night shift/ }).click()
    await expect(page.getByRole('rowheader')).toHaveCount(1)

    await page.goto('/settings/groups')
    await page.getByRole('link', { name: 'Night shift', exact: true }).click()
    await page.getByLabel('Name', { exact: true }).fill('Late crew')
    await page.getByRole('button', { name: 'Rename' }).click()
    await expect(page.getByRole('heading', { name: 'Group: Late crew' })).toBeVisible()
    await page.getByRole('button', { name: /^Remove / }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click()
    await expect(page.getByText('No members yet.')).toBeVisible()
    await page.goto('/users?q=late%20cre')
    await expect(page.getByText('No users match this search.')).toBeVisible()
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })
    test('group managers: a scoped profile, a Supervisor made manager on the group page, who then sees its members', async ({
      page,
      browser,
      request,
    }) => {
      const data = testData(request)
      const ws = await data.workspace()
      const member = await data.user(ws.tenantId, { fullName: 'Member Of Night' })
      const agent = await data.user(ws.tenantId, { role: 'Agent' })
      const group = await data.group(ws.tenantId, 'Night shift')
      await data.user(ws.tenantId, { fullName: 'Outside Everyone' })
      await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
      await page.goto('/settings/profiles/new')
      await page.getByLabel('Name').fill('Team leads')
      await page.getByLabel('Role').selectOption('Supervisor')
      await page.getByLabel('Read users').check()
      await page.getByLabel('Only the groups they manage').check()
      await page.getByRole('button', { name: 'Save' }).click()
      await expect(page.getByRole('heading', { name: 'Profile: Team leads' })).toBeVisible()
      const profileId = new URL(page.url()).pathname.split('/').pop()!
      await page.goto('/settings/profiles')
      await expect(page.getByRole('row', { name: /Team leads/ })).toContainText('Only the groups they manage')
      const lead = await data.user(ws.tenantId, { role: 'Supervisor', profileId, fullName: 'Lead Of Night' })

      await page.goto(`/settings/groups/${group.id}`)
      await page.getByLabel('Add by username').fill(member.username)
      await page.getByRole('button', { name: 'Add member' }).click()
      await page.getByLabel('Add manager by username').fill(agent.username)
      await page.getByRole('button', { name: 'Add manager' }).click()
      await expect(page.getByText('is an Agent: a group’s managers are Supervisors or Admins.')).toBeVisible()
      await page.getByLabel('Add manager by username').fill(lead.username)
      await page.getByRole('button', { name: 'Add manager' }).click()
      await expect(page.getByRole('table').first().getByRole('rowheader')).toHaveText(['Lead Of Night'])

      const context = await browser.newContext({ javaScriptEnabled: false })
      const theirs = await context.newPage()
      await signIn(theirs, { workspace: ws.slug, identifier: lead.username, password: lead.password })
      await theirs.goto('/users')
      await expect(theirs.getByRole('rowheader')).toHaveText(['Member Of Night'])
      await context.close()
    })
  })
})
