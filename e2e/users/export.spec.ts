import { expect, test } from '@playwright/test'
import Papa from 'papaparse'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

test.describe('exports of the users list', () => {
  test('CSV and Excel links download the whole filtered view; PDF opens as a file; Print shows the same rows', async ({
    page,
    request,
  }) => {
    const data = testData(request)
    const ws = await data.workspace()
    await data.people(ws.tenantId)
    await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await page.goto('/users?role=Agent&role=Supervisor&sort=-name&size=25')
    const exportNav = page.getByRole('navigation', { name: 'Export' })

    const [csv] = await Promise.all([page.waitForEvent('download'), exportNav.getByRole('link', { name: 'CSV' }).click()])
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^users-${ws.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`))
    const text = (await (await csv.createReadStream()).toArray()).map((b) => Buffer.from(b)).join('')
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Di Müller', 'Cy Okafor', 'Bo Chen', 'Ana Lima'])

    const [xlsx] = await Promise.all([page.waitForEvent('download'), exportNav.getByRole('link', { name: 'Excel' }).click()])
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)

    // With JavaScript the PDF link fetches the file (saying it is working) and saves it under its name.
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), exportNav.getByRole('link', { name: 'PDF' }).click()])
    expect(pdfDownload.suggestedFilename()).toMatch(new RegExp(`^users-${ws.slug}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`))

    const pdf = await request.get(`/users/export/pdf?role=Agent`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    })
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

    const print = await page.context().newPage()
    await print.addInitScript(() => {
      // Count the print dialog instead of opening it.
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void (window as unknown as { printed: number }).printed++
    })
    await print.goto('/print/users?role=Agent&role=Supervisor&sort=-name')
    await expect(print.getByRole('heading', { name: /^Users — / })).toBeVisible()
    await expect(print.locator('tbody tr')).toHaveCount(4)
    await expect(print.getByRole('navigation')).toHaveCount(0)
    await expect.poll(() => print.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
  })

  test('an agent gets no export links and the export URLs answer 404; signed out goes to sign-in', async ({ page, request, browser }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const supervisor = await data.user(ws.tenantId, { role: 'Agent' })
    await signIn(page, { workspace: ws.slug, identifier: supervisor.username, password: supervisor.password })
    for (const format of ['csv', 'xlsx', 'pdf']) expect((await page.goto(`/users/export/${format}`))?.status()).toBe(404)
    const anonymous = await browser.newPage()
    await anonymous.goto('/users/export/csv')
    await expect(anonymous).toHaveURL(/\/sign-in/)
    await anonymous.close()
  })
})
