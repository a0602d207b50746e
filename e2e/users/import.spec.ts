import { expect, test, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

const HEADER = ['Full name', 'Username', 'Email', 'Extension', 'Extension type', 'Role', 'Profile', 'Groups', 'Status', 'Force login']
const csv = (rows: string[][]) => Buffer.from('\uFEFF' + Papa.unparse(rows, { newline: '\r\n' }))

async function preview(page: Page, name: string, buffer: Buffer) {
  await page.goto('/users/import')
  await expect(page.getByRole('heading', { name: 'Import users' })).toBeVisible()
  await page.getByLabel('File').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer })
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible({ timeout: 30_000 })
}

test.describe('Users › Import', () => {
  test('round trip: the CSV and Excel exports import as all unchanged; three changed cells are three updates, old → new', async ({
    page,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/users')
    await page.getByRole('link', { name: 'Import' }).click()
    await expect(page).toHaveURL(/\/users\/import$/)

    const exported = await (await page.request.get('/users/export/csv')).body()
    await preview(page, 'users.csv', exported)
    await expect(page.getByText('0 to create · 0 to update · 6 unchanged · 0 with errors')).toBeVisible()
    await expect(page.getByText('Nothing to import: every row is unchanged.')).toBeVisible()

    const xlsx = await (await page.request.get('/users/export/xlsx')).body()
    await preview(page, 'users.xlsx', xlsx)
    await expect(page.getByText('0 to create · 0 to update · 6 unchanged · 0 with errors')).toBeVisible()

    const rows = Papa.parse<string[]>(exported.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    const at = (username: string) => rows.find((r) => r[1] === username)!
    at('bo.chen')[0] = 'Bo Chen-Li'
    at('di_mueller')[8] = 'inactive'
    at('ana.lima')[7] = 'Sales Team'
    await preview(page, 'edited.csv', csv(rows))
    await expect(page.getByText('0 to create · 3 to update · 3 unchanged · 0 with errors')).toBeVisible()
    await page.getByRole('link', { name: 'Update (3)' }).click()
    const table = page.locator('table')
    await expect(table.getByRole('row')).toHaveCount(4)
    await expect(table.getByText('Full name: Bo Chen → Bo Chen-Li')).toBeVisible()
    await expect(table.getByText('Status: active → inactive')).toBeVisible()
    await expect(table.getByText('Groups: Support Desk → Sales Team')).toBeVisible()
  })

  test('a duplicate extension and an unknown role: all or nothing writes nothing; skipping writes the 3 others; errors CSV; twice is unchanged', async ({
    page,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.extension(ws.tenantId, '4001')
    await data.extension(ws.tenantId, '4002')
    const file = csv([
      HEADER,
      ['Amy One', 'amy.one', 'amy@x.test', '4001', '', 'Agent', '', '', 'active', 'No'],
      ['Ben Two', 'ben.two', 'ben@x.test', '', '', 'Agent', '', '', 'active', 'No'],
      ['Cat Three', 'cat.three', 'cat@x.test', '', '', 'Supervisor', '', '', '', ''],
      ['Dan Four', 'dan.four', 'dan@x.test', '4002', '', 'Agent', '', '', 'active', 'No'],
      ['Eve Five', 'eve.five', 'eve@x.test', '4002', '', 'Agnet', '', '', 'active', 'No'],
    ])
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await preview(page, 'five.csv', file)
    await expect(page.getByText('3 to create · 0 to update · 0 unchanged · 2 with errors')).toBeVisible()
    const errors = page.locator('tbody tr').filter({ hasText: 'Error' })
    await expect(errors).toHaveCount(2)
    await expect(errors.nth(0).locator('td').first()).toHaveText('5')
    await expect(errors.nth(1)).toContainText('Unknown role “Agnet”')

    await page.getByRole('button', { name: 'Import 3 users' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was imported' })).toContainText(
      'Nothing was imported: 2 rows have errors.',
      {
        timeout: 30_000,
      },
    )
    expect((await data.userRecord(ws.tenantId, 'amy.one')).id).toBeNull()

    await page.getByLabel('Skip rows with errors').check()
    await page.getByRole('button', { name: 'Import 3 users' }).click()
    await expect(page.getByText('3 created · 0 updated · 0 unchanged · 2 failed')).toBeVisible({ timeout: 30_000 })
    const errorsCsv = await (await page.request.get(`${new URL(page.url()).pathname}/errors`)).text()
    const errorRows = Papa.parse<string[]>(errorsCsv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    expect(errorRows[0]).toEqual([...HEADER, 'Error'])
    expect(errorRows.slice(1).map((r) => r[1])).toEqual(['dan.four', 'eve.five'])
    await page.getByRole('link', { name: 'Show the users of this import' }).click()
    await expect(page.getByRole('link', { name: 'Remove filter Users of an import' })).toBeVisible()
    await expect(page.locator('tbody tr')).toHaveCount(3)
    await expect(page.locator('tbody tr').first()).toContainText('No password yet')

    await preview(page, 'five.csv', file)
    await expect(page.getByText('0 to create · 0 to update · 3 unchanged · 2 with errors')).toBeVisible()
  })

  test('without JavaScript: a bad file is refused on the form; upload, the refreshing status page, preview and import work', async ({
    browser,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/users/import')
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) })
    await page.getByRole('button', { name: 'Preview' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'CSV' })).toContainText('This isn’t a CSV or Excel file')
    await expect(page.getByLabel('File')).toHaveAttribute('aria-invalid', 'true')

    const file = csv([HEADER, ['No Script', 'no.script', 'noscript@x.test', '', '', 'Agent', '', '', 'active', 'No']])
    await page.getByLabel('File').setInputFiles({ name: 'plain.csv', mimeType: 'text/csv', buffer: file })
    await page.getByRole('button', { name: 'Preview' }).click()
    // The status page refreshes itself (meta refresh) until the preview is ready.
    await expect(page.getByText('1 to create · 0 to update · 0 unchanged · 0 with errors')).toBeVisible({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Import 1 user' }).click()
    await expect(page.getByText('1 created · 0 updated · 0 unchanged · 0 failed')).toBeVisible({ timeout: 30_000 })
    expect((await data.userRecord(ws.tenantId, 'no.script')).id).not.toBeNull()
    await context.close()
  })

  test('Settings › Extensions › Import creates and updates extensions by number', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.extension(ws.tenantId, '5001', 'WebRTC')
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/settings/extensions')
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Import extensions' })).toBeVisible()
    await page.getByLabel('File').setInputFiles({
      name: 'ext.csv',
      mimeType: 'text/csv',
      buffer: csv([
        ['Number', 'Type', 'Voicemail'],
        ['5001', 'SIP', ''],
        ['5002', 'WebRTC', 'No'],
      ]),
    })
    await page.getByRole('button', { name: 'Preview' }).click()
    await expect(page.getByText('1 to create · 1 to update · 0 unchanged · 0 with errors')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByText('Type: WebRTC → SIP')).toBeVisible()
    await page.getByRole('button', { name: 'Import 2 extensions' }).click()
    await expect(page.getByText('1 created · 1 updated · 0 unchanged · 0 failed')).toBeVisible({ timeout: 30_000 })
  })

  test('an xlsx formula cell is imported as its value, as text', async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Users')
    sheet.addRow(['Full name', 'Username', 'Email', 'Role'])
    sheet.addRow([{ formula: 'CONCAT("=Sum"," Agent")', result: '=Sum Agent' }, 'sum.agent', 'sum@x.test', 'Agent'])
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await preview(page, 'formula.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    await page.getByRole('button', { name: 'Import 1 user' }).click()
    await expect(page.getByText('1 created')).toBeVisible({ timeout: 30_000 })
    expect((await data.userRecord(ws.tenantId, 'sum.agent')).fullName).toBe('=Sum Agent')
    // The export still neutralises it on the way out.
    const exported = await (await page.request.get('/users/export/csv?q=sum.agent')).text()
    expect(exported).toContain("'=Sum Agent")
  })
})
