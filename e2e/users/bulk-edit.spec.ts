import { expect, test, type Page } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { chooseFilter } from '@/testing/e2e/filters'
import { testData } from '@/testing/e2e/test-data'

/** Users list › Edit on many users at once, the Last login filter and saved views (issue 16). */

const bulkBar = (page: Page) => page.getByRole('group', { name: 'Bulk actions' })

async function selectAllMatching(page: Page, n: number) {
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check()
  await page.getByRole('button', { name: `Select all ${n} matching` }).click()
  await expect(page.getByText(`All ${n} users matching selected`)).toBeVisible()
}

test('Department filter + all matching + Profile: every matching user gets the profile, groups stay, one audit entry each', async ({
  page,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const people = await data.people(ws.tenantId)
  const tier1 = await data.profile(ws.tenantId, 'Agent', 'Tier 1', [])
  const department = `Night ${Date.now()}`
  // Some of them in groups: those memberships must stay as they are.
  const night = await Promise.all(
    Array.from({ length: 27 }, (_, i) =>
      data.user(ws.tenantId, {
        role: 'Agent',
        department,
        groupIds: i % 3 === 0 ? [people.groups.support!] : i % 3 === 1 ? [people.groups.support!, people.groups.sales!] : [],
      }),
    ),
  )
  const groupsBefore = Object.fromEntries(
    await Promise.all(night.map(async (u) => [u.id, (await data.userRecord(ws.tenantId, u.username)).groupIds] as const)),
  )
  const day = await data.user(ws.tenantId, { role: 'Agent', department: 'Day' })

  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto('/users')
  await chooseFilter(page, 'Department', department)
  await expect(page).toHaveURL(/department=Night/)
  await expect(page.getByText('Showing 1–25 of 27 users')).toBeVisible()
  await selectAllMatching(page, 27)
  await bulkBar(page).getByRole('button', { name: 'Edit' }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit 27 users' })
  await expect(dialog).toBeVisible()
  // Every field starts at Leave unchanged.
  await expect(dialog.getByLabel('Role', { exact: true })).toHaveValue('')
  await expect(dialog.getByLabel('Profile', { exact: true })).toHaveValue('keep')
  await expect(dialog.getByLabel('Status')).toHaveValue('')
  await expect(dialog.getByLabel('Department', { exact: true })).toHaveValue('keep')
  await dialog.getByLabel('Profile', { exact: true }).selectOption({ label: 'Tier 1 (Agent)' })
  await dialog.getByRole('button', { name: 'Update 27 users' }).click()
  await expect(page.getByRole('status').filter({ hasText: '27 updated.' })).toBeVisible()
  await expect(dialog).toBeHidden()

  for (const u of night) {
    const record = await data.userRecord(ws.tenantId, u.username)
    expect(record).toMatchObject({ profileId: tier1.id, groupIds: groupsBefore[u.id], department, status: 'active' })
  }
  expect(groupsBefore[night[1]!.id]).toHaveLength(2)
  expect(await data.userRecord(ws.tenantId, day.username)).toMatchObject({ profileId: null })
  const audits = await data.auditEntries(ws.tenantId, 'user.update')
  expect(audits.map((a) => a.entityId).sort()).toEqual(night.map((u) => u.id).sort())
  expect(audits[0]).toMatchObject({ before: { profileId: null }, after: { profileId: tier1.id } })
})

test('an Admin narrowed by a profile bulk-editing themselves and a full admin: both skipped with reasons, the others changed', async ({
  page,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const narrowed = await data.profile(ws.tenantId, 'Admin', 'Team admin', ['users.read', 'users.update', 'reports.read', 'users.export'])
  const department = `Desk ${Date.now()}`
  const me = await data.user(ws.tenantId, { role: 'Admin', profileId: narrowed.id, department, fullName: 'Nora Narrowed' })
  const full = await data.user(ws.tenantId, { role: 'Admin', department, fullName: 'Fay Full' })
  const agents = await Promise.all([1, 2, 3].map((i) => data.user(ws.tenantId, { role: 'Agent', department, fullName: `Agent ${i}` })))

  await signIn(page, { workspace: ws.slug, identifier: me.username, password: me.password })
  await page.goto(`/users?department=${encodeURIComponent(department)}`)
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check()
  await bulkBar(page).getByRole('button', { name: 'Edit' }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit 5 users' })
  await dialog.getByLabel('Status').selectOption('Inactive')
  await dialog.getByLabel('Job title', { exact: true }).selectOption('Change to…')
  await dialog.getByLabel('New job title').fill('Night agent')
  await dialog.getByRole('button', { name: 'Update 5 users' }).click()
  await expect(page.getByRole('status').filter({ hasText: '3 updated, 2 not changed:' })).toBeVisible()
  const skipped = page.getByRole('list', { name: 'Not changed' })
  await expect(skipped.getByText('Nora Narrowed: You can’t deactivate yourself.')).toBeVisible()
  await expect(skipped.getByText('Fay Full: You can’t change this user: they have permissions you don’t have.')).toBeVisible()

  const statuses = await data.statuses(ws.tenantId, [me.id, full.id, ...agents.map((a) => a.id)])
  expect([statuses[me.id], statuses[full.id]]).toEqual(['active', 'active'])
  expect(agents.map((a) => statuses[a.id])).toEqual(['inactive', 'inactive', 'inactive'])
  expect(await data.userRecord(ws.tenantId, full.username)).toMatchObject({ jobTitle: '' })
  expect(await data.userRecord(ws.tenantId, agents[0]!.username)).toMatchObject({ jobTitle: 'Night agent' })
  // The deactivated agents are signed out everywhere at once (none had a session here; the record says so for the PBX).
  expect((await data.auditEntries(ws.tenantId, 'user.update')).map((a) => a.entityId).sort()).toEqual(agents.map((a) => a.id).sort())
})

test('Last login: Never + all matching + Deactivate deactivates exactly those users', async ({ page, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const never = await Promise.all(Array.from({ length: 26 }, () => data.user(ws.tenantId, { role: 'Agent' })))
  const recent = await data.user(ws.tenantId, { role: 'Agent', lastLoginDaysAgo: 2 })
  const dormant = await data.user(ws.tenantId, { role: 'Agent', lastLoginDaysAgo: 200 })

  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto('/users')
  await chooseFilter(page, 'Last login', 'Never')
  await expect(page).toHaveURL(/lastLogin=never/)
  await expect(page.getByRole('link', { name: 'Remove filter Last login: Never' })).toBeVisible()
  await selectAllMatching(page, 26)
  await bulkBar(page).getByRole('button', { name: 'Deactivate' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate 26 users' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Deactivated 26 users.' })).toBeVisible()
  const statuses = await data.statuses(
    ws.tenantId,
    [...never, recent, dormant, ws.admin].map((u) => u.id),
  )
  expect(never.map((u) => statuses[u.id])).toEqual(never.map(() => 'inactive'))
  expect([recent, dormant, ws.admin].map((u) => statuses[u.id])).toEqual(['active', 'active', 'active'])

  // The dormant one, by "More than 180 days ago", combined with the role.
  await page.goto('/users?lastLogin=180d&role=Agent')
  await expect(page.getByText('Showing 1–1 of 1 users')).toBeVisible()
  await expect(page.getByRole('row', { name: new RegExp(dormant.username) })).toBeVisible()
})

test('without JavaScript: bulk edit of a filtered set, from the list’s link to its own page', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const department = `Quiet ${Date.now()}`
  const team = await Promise.all([1, 2, 3].map(() => data.user(ws.tenantId, { role: 'Agent', department })))
  const outside = await data.user(ws.tenantId, { role: 'Agent', department: 'Loud' })
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto('/users')
  await chooseFilter(page, 'Department', department)
  await page.getByRole('button', { name: 'Apply' }).click()
  await page.getByRole('link', { name: 'Edit all 3 matching' }).click()
  await expect(page.getByRole('heading', { name: 'Edit 3 users' })).toBeVisible()
  // Typing while the field says Leave unchanged is refused, not guessed.
  await page.getByLabel('New job title').fill('Quiet agent')
  await page.getByRole('button', { name: 'Update 3 users' }).click()
  await expect(page.getByText('Choose “Change to” to set the job title, or empty the box.')).toBeVisible()
  await page.getByLabel('Job title', { exact: true }).selectOption('Change to…')
  await page.getByLabel('New job title').fill('Quiet agent')
  await page.getByLabel('Hide from directory').selectOption('Yes')
  await page.getByRole('button', { name: 'Update 3 users' }).click()
  await expect(page.getByRole('status').filter({ hasText: '3 updated.' })).toBeVisible()
  for (const u of team)
    expect(await data.userRecord(ws.tenantId, u.username)).toMatchObject({ jobTitle: 'Quiet agent', hideFromDirectory: true })
  expect(await data.userRecord(ws.tenantId, outside.username)).toMatchObject({ jobTitle: '', hideFromDirectory: false })
  await page.getByRole('link', { name: 'Back to the list' }).click()
  await expect(page).toHaveURL(/\/users\?department=Quiet/)
  await context.close()
})

test('saved views: save the current filters, open, rename, delete; a view whose group was deleted opens without it and says so', async ({
  page,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const people = await data.people(ws.tenantId)
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto(`/users?group=${people.groups.sales}&status=active&sort=-last_login`)
  await page.locator('summary', { hasText: 'Save view' }).click()
  await page.getByLabel('View name').fill('Active sales')
  await page.getByLabel('Share with the workspace').check()
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'View “Active sales” saved.' })).toBeVisible()

  await page.goto('/users')
  await page.getByRole('link', { name: 'Active sales (shared)' }).click()
  await expect(page).toHaveURL(/group=.*status=active.*sort=-last_login.*view=/)
  await expect(page.getByRole('row', { name: /Bo Chen/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Ana Lima/ })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Active sales (shared)' })).toHaveAttribute('aria-current', 'page')

  await page.locator('summary', { hasText: 'Manage views' }).click()
  await page.getByLabel('Rename “Active sales”').fill('Sales now')
  await page.getByRole('button', { name: 'Rename' }).click()
  await expect(page.getByRole('link', { name: 'Sales now (shared)' })).toBeVisible()

  // The group goes: the view still opens, without that filter, and says so.
  await page.goto(`/settings/groups/${people.groups.sales}`)
  await page.getByRole('button', { name: 'Delete group' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete group' }).click()
  await expect(page).toHaveURL(/\/settings\/groups$/)
  await page.goto('/users')
  await page.getByRole('link', { name: 'Sales now (shared)' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'The view “Sales now” opened without its filter on a group that was deleted.' }),
  ).toBeVisible()
  await expect(page.getByRole('row', { name: /Ana Lima/ })).toBeVisible()

  await page.locator('summary', { hasText: 'Manage views' }).click()
  await page.getByRole('button', { name: 'Delete the view Sales now' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete view' }).click()
  await expect(page.getByRole('link', { name: 'Sales now (shared)' })).toHaveCount(0)
  await expect(page.getByText('none yet')).toBeVisible()
})
