import { expect, test, type Page } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { chooseFilter, filterMenu } from '@/testing/e2e/filters'
import { testData } from '@/testing/e2e/test-data'

async function adminWithPeople(page: Page, request: import('@playwright/test').APIRequestContext) {
  const data = testData(request)
  const ws = await data.workspace()
  const people = await data.people(ws.tenantId)
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  return { ws, people }
}

const table = (page: Page) => page.getByRole('table')
const fullNames = (page: Page) => table(page).getByRole('rowheader')

test.describe('users list', () => {
  test('search as you type finds a user by a fragment of each field', async ({ page, request }) => {
    await adminWithPeople(page, request)
    const search = page.getByPlaceholder('Search anything...')
    const cases: [string, string][] = [
      ['kafo', 'Cy Okafor'],
      ['CALLS.EXAMPLE', 'Ana Lima'],
      ['di_mu', 'Di Müller'],
      ['301', 'Di Müller'],
      ['escalation', 'Di Müller'],
      ['shift lea', 'Cy Okafor'],
      ['sales te', 'Bo Chen'],
    ]
    for (const [term, name] of cases) {
      await search.fill(term)
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(term)
      await expect(fullNames(page).filter({ hasText: name })).toHaveCount(1)
    }
    await search.fill('no-such-person-anywhere')
    await expect(page.getByText('No users match this search.')).toBeVisible()
    await page.getByRole('link', { name: 'Clear all filters' }).first().click()
    await expect(page).toHaveURL(/\/users$/)
    await expect(fullNames(page)).toHaveCount(6)
  })

  test('filters combine, survive a reload, and Back restores the previous view', async ({ page, request }) => {
    await adminWithPeople(page, request)
    await chooseFilter(page, 'Role', 'Supervisor')
    await expect(page).toHaveURL(/role=Supervisor/)
    await expect(fullNames(page)).toHaveText(['Cy Okafor', 'Di Müller'])
    // An applied filter's button stands out from the others (it once looked like any other: the button's own style won).
    const look = (label: string) => filterMenu(page, label).evaluate((e) => getComputedStyle(e).backgroundColor)
    expect(await look('Role')).not.toBe(await look('Profile'))

    await chooseFilter(page, 'Status', 'Inactive')
    await expect(page).toHaveURL(/status=inactive/)
    await expect(fullNames(page)).toHaveText(['Cy Okafor'])

    await page.reload()
    await expect(fullNames(page)).toHaveText(['Cy Okafor'])
    await expect(filterMenu(page, 'Status')).toHaveText(/^Status: Inactive/)

    await page.goBack()
    await expect(page).not.toHaveURL(/status=inactive/)
    await expect(fullNames(page)).toHaveText(['Cy Okafor', 'Di Müller'])
  })

  test('sorts by a column header both ways', async ({ page, request }) => {
    await adminWithPeople(page, request)
    // The five people only (the admin who just signed in would come first).
    await page.goto('/users?q=calls.example')
    await page.getByRole('link', { name: 'Last login' }).click()
    await expect(page).toHaveURL(/sort=last_login/)
    await page.getByRole('link', { name: /Last login/ }).click()
    await expect(page).toHaveURL(/sort=-last_login/)
    await expect(fullNames(page).first()).toHaveText('Bo Chen')
    await expect(page.getByRole('columnheader', { name: /Last login/ })).toHaveAttribute('aria-sort', 'descending')
    // A time's title (seconds and zone) is the browser's to add once the page runs: it is not sent with every row.
    await expect(table(page).getByRole('row').nth(1).locator('time')).toHaveAttribute('title', /\d{2}:\d{2}:\d{2} .+ \(.+\)$/)
  })

  test('the column chooser hides a column, and the choice outlives the view and a reload', async ({ page, request }) => {
    await adminWithPeople(page, request)
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible()
    await page.getByText('Columns', { exact: true }).click()
    await page.getByLabel('Show the Email column').uncheck()
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeHidden()
    await expect(table(page).getByRole('cell', { name: 'ana.lima@Calls.Example' })).toBeHidden()
    // The columns either side stay where they were.
    await expect(table(page).getByRole('cell', { name: 'ana.lima', exact: true })).toBeVisible()
    await expect(
      table(page)
        .getByRole('cell', { name: /^3\d\d \((SIP|WebRTC)\)$/ })
        .first(),
    ).toBeVisible()

    await page.getByRole('link', { name: 'Username' }).click()
    await expect(page).toHaveURL(/sort=username/)
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeHidden()
    await page.reload()
    await expect(page.getByRole('columnheader', { name: /Username/ })).toHaveAttribute('aria-sort', 'ascending')
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeHidden()

    await page.getByText('Columns', { exact: true }).click()
    await page.getByLabel('Show the Email column').check()
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible()
  })

  test('shows a loading skeleton while the next view streams in', async ({ page, request }) => {
    await adminWithPeople(page, request)
    // Hold the next view's payload until the skeleton has been seen (a wait for a condition, not a sleep).
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(
      (url) => url.pathname === '/users' && url.searchParams.get('sort') === 'email',
      async (route) => {
        await held
        await route.continue()
      },
    )
    await page.getByRole('link', { name: 'Email' }).click()
    await expect(page.getByTestId('list-skeleton')).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'Loading users…' })).toBeAttached()
    release()
    await expect(page).toHaveURL(/sort=email/)
    await expect(page.getByTestId('list-skeleton')).toHaveCount(0)
    await expect(page.getByRole('columnheader', { name: /Email/ })).toHaveAttribute('aria-sort', 'ascending')
  })

  test('works with JavaScript off: search, filters, sort and the Actions menu', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await adminWithPeople(page, request)
    await page.getByPlaceholder('Search anything...').fill('ana')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/q=ana/)
    await expect(fullNames(page)).toHaveText(['Ana Lima'])
    // The GET form sent every field; the list answered with the clean URL: no empty parameters.
    expect(new URL(page.url()).search).toBe('?q=ana')

    await page.goto('/users')
    // Times are shown as sent; their title needs JavaScript (users-rows.tsx).
    await expect(table(page).locator('time').first()).toBeVisible()
    await expect(table(page).locator('time[title]')).toHaveCount(0)
    await chooseFilter(page, 'Extension type', 'SIP')
    await chooseFilter(page, 'Role', 'Agent', 'Supervisor')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(fullNames(page)).toHaveText(['Ana Lima', 'Di Müller'])
    expect(new URL(page.url()).search).not.toMatch(/=(&|$)/)
    await page.getByRole('link', { name: 'Full name' }).click()
    await expect(fullNames(page)).toHaveText(['Di Müller', 'Ana Lima'])

    // Without JavaScript a row's Actions is a link to the user's actions page: the menu as a page.
    await page.getByLabel('Actions for Di Müller').click()
    await expect(page.getByRole('heading', { name: 'Actions for Di Müller' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Actions' }).getByRole('link')).toHaveText([
      'Edit',
      'Sessions',
      'Login times',
      'Delete',
    ])
    await page.getByRole('link', { name: 'Edit', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Edit: Di Müller' })).toBeVisible()
    await context.close()
  })

  test('a supervisor’s row menu offers only what a supervisor may do (no Edit, no Delete)', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    const supervisor = await data.user(ws.tenantId, { role: 'Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: supervisor.username, password: supervisor.password })
    await page.goto('/users')
    // The Columns menu is there once JavaScript runs: from then on Actions opens its menu in the row.
    await expect(page.locator('summary', { hasText: 'Columns' })).toBeVisible()
    await page.getByLabel('Actions for Ana Lima').click()
    const menu = page.locator('details[open].row-menu')
    await expect(menu.getByRole('link', { name: 'Login times' })).toBeVisible()
    await expect(menu.getByRole('link', { name: 'Edit' })).toHaveCount(0)
    await expect(menu.getByRole('link', { name: 'Delete' })).toHaveCount(0)
  })

  test('pages through a long list with numbered links', async ({ page, request }) => {
    const { ws } = await adminWithPeople(page, request)
    const data = testData(request)
    for (let i = 0; i < 25; i++) await data.user(ws.tenantId)
    await page.goto('/users')
    await expect(page.getByText(/Showing 1–25 of 31 users/)).toBeVisible()
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Page 2' }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(fullNames(page)).toHaveCount(6)
    await expect(page.getByText(/Showing 26–31 of 31 users/)).toBeVisible()
  })

  test("never shows another workspace's users, and an unknown user's page is not found", async ({ page, request }) => {
    const data = testData(request)
    const other = await data.workspace()
    const theirs = await data.people(other.tenantId)
    await adminWithPeople(page, request)
    await page.goto(`/users?q=ana`)
    await expect(fullNames(page)).toHaveText(['Ana Lima'])
    const response = await page.goto(`/users/${theirs.ids.ana}/edit`)
    expect(response?.status()).toBe(404)
    expect((await page.goto('/users/not-a-uuid/edit'))?.status()).toBe(404)
    expect((await page.goto(`/users/${theirs.ids.ana}/actions`))?.status()).toBe(404)
    expect((await page.goto('/users/not-a-uuid/actions'))?.status()).toBe(404)
  })

  test('bulk deactivate asks for confirmation, then applies; Cancel changes nothing', async ({ page, request }) => {
    await adminWithPeople(page, request)
    await page.goto('/users?q=calls.example')
    await page.getByLabel('Select Ana Lima').check()
    await page.getByLabel('Select Bo Chen').check()
    await expect(page.getByText('2 selected')).toBeVisible()

    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Deactivate' }).click()
    const dialog = page.getByRole('dialog', { name: 'Deactivate 2 users?' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await chooseFilter(page, 'Status', 'Inactive')
    await expect(fullNames(page)).toHaveText(['Cy Okafor', 'Ed Xu'])

    await page.goto('/users?q=calls.example')
    await page.getByLabel('Select Ana Lima').check()
    await page.getByLabel('Select Bo Chen').check()
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Deactivate' }).click()
    await page.getByRole('dialog', { name: 'Deactivate 2 users?' }).getByRole('button', { name: 'Deactivate' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Deactivated 2 users.' })).toBeVisible()
    await page.goto('/users?q=calls.example&status=inactive')
    await expect(fullNames(page)).toHaveText(['Ana Lima', 'Bo Chen', 'Cy Okafor', 'Ed Xu'])
  })

  test('bulk delete refuses to delete yourself, and says so', async ({ page, request }) => {
    const { ws } = await adminWithPeople(page, request)
    await page.goto(`/users?q=${ws.admin.username}`)
    await page.getByLabel(`Select ${ws.admin.username}`).check()
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'You can’t delete yourself.' })).toBeVisible()
    await expect(fullNames(page)).toHaveText([ws.admin.username])
  })

  test('a supervisor reads the list but gets no bulk actions or Create', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    const supervisor = await data.user(ws.tenantId, { role: 'Supervisor' })
    await signIn(page, { workspace: ws.slug, identifier: supervisor.username, password: supervisor.password })
    await expect(fullNames(page).filter({ hasText: 'Ana Lima' })).toHaveCount(1)
    await expect(page.getByRole('group', { name: 'Bulk actions' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Create' })).toHaveCount(0)
  })
})
