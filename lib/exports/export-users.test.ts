import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { wholeWorkspace } from '@/lib/auth/scope'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, extensions, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, seedPeople, type TestWorkspace } from '@/testing/fixtures'
import { parseUserListParams } from '@/lib/users/list-params'
import { listUsers } from '@/lib/users/list-users'
import { neutralise, restoreNeutralised } from '@/lib/imports/formula-cells'
import { exportRows } from './export-rows'
import { exportUsers, type ExportAnswer } from './export-users'

let db: Db
let ws: TestWorkspace
const HOSTILE = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn']

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'export')
  await seedPeople(db, ws.tenantId)
  // People whose names would be formulas in a spreadsheet.
  await db.execute(sql`
    INSERT INTO users (tenant_id, full_name, email, username, password_hash, role, notes)
    SELECT ${ws.tenantId}::uuid, h.name, 'hostile' || h.i || '@x.test', 'hostile' || h.i, 'x', 'Agent', 'secret-notes'
    FROM unnest(ARRAY[${sql.join(
      HOSTILE.map((h) => sql`${h}`),
      sql`, `,
    )}]::text[]) WITH ORDINALITY AS h(name, i)`)
  // A SIP secret that must never leave the database.
  await db
    .update(extensions)
    .set({ sipSecretCiphertext: 'CIPHERTEXT-MARKER', sipSecretKeyId: 'KEYID-MARKER' })
    .where(eq(extensions.tenantId, ws.tenantId))
})

const exporter = (role: 'Admin' | 'Supervisor' | 'Agent' = 'Admin') => actorOf(ws, role)
const workspace = () => ({ slug: ws.slug, name: 'Export test' })
async function bytes(answer: ExportAnswer): Promise<Buffer> {
  if (answer.kind === 'stream') return Buffer.from(await new Response(answer.body).arrayBuffer())
  if (answer.kind === 'file') return Buffer.from(answer.body)
  throw new Error(answer.kind)
}
async function expected(query: string) {
  const all = []
  for (let page = 1; ; page++) {
    const p = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams(new URLSearchParams(`${query}&size=100&page=${page}`)))
    all.push(...p.rows)
    if (p.rows.length < 100) return all
  }
}
const NO_SECRETS = /CIPHERTEXT-MARKER|KEYID-MARKER|argon2|secret-notes|password/i

describe('exports of the users list', () => {
  it('CSV: BOM, header, RFC 4180, every row of the filtered sorted view (all pages), formulas neutralised, no secrets', async () => {
    const answer = await exportUsers(db, exporter(), { format: 'csv', params: new URLSearchParams('sort=-name'), workspace: workspace() })
    expect(answer).toMatchObject({
      kind: 'stream',
      fileName: expect.stringMatching(new RegExp(`^users-${ws.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`)),
    })
    const text = (await bytes(answer)).toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).not.toMatch(NO_SECRETS)
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    const [header, ...rows] = parsed.data
    expect(header).toEqual([
      'Full name',
      'Username',
      'Email',
      'Extension',
      'Extension type',
      'Role',
      'Profile',
      'Groups',
      'Status',
      'Force login',
      'Last login (UTC)',
      'Created (UTC)',
    ])
    const want = await expected('sort=-name')
    expect(rows.map((r) => r[1])).toEqual(want.map((u) => u.username))
    for (const name of HOSTILE) expect(rows.map((r) => r[0])).toContain(`'${name}`)
    expect(rows.find((r) => r[1] === 'bo.chen')).toEqual(
      expect.arrayContaining(['202', 'WebRTC', 'Agent', 'Sales Team, Support Desk', 'active']),
    )
  })

  it('XLSX: one sheet, bold frozen header with a filter, typed dates, same rows as the view, formulas neutralised, no secrets', async () => {
    const answer = await exportUsers(db, exporter(), {
      format: 'xlsx',
      params: new URLSearchParams('role=Supervisor&role=Agent&sort=last_login'),
      workspace: workspace(),
    })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await bytes(answer)) as unknown as ArrayBuffer)
    expect(book.worksheets).toHaveLength(1)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    const values: unknown[][] = []
    sheet.eachRow((row, n) => n > 1 && values.push((row.values as unknown[]).slice(1)))
    const want = await expected('role=Supervisor&role=Agent&sort=last_login')
    expect(values.map((v) => v[1])).toEqual(want.map((u) => u.username))
    const ana = values.find((v) => v[1] === 'ana.lima')!
    expect(ana[10]).toBeInstanceOf(Date)
    expect((ana[10] as Date).toISOString()).toBe('2026-11-20T09:00:00.000Z')
    // XML turns a CR into a LF on the way back; what matters is the apostrophe in front.
    for (const name of HOSTILE) expect(values.map((v) => v[0])).toContain(`'${name.replace(/\r/g, '\n')}`)
    expect(values.filter((v) => /^[=+\-@\t\r]/.test(String(v[0])))).toEqual([])
    const raw = JSON.stringify(values)
    expect(raw).not.toMatch(NO_SECRETS)
  })

  it('PDF: title with the workspace, the filter summary, page numbers, the rows; refused above the cap', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const answer = await exportUsers(db, exporter(), {
      format: 'pdf',
      params: new URLSearchParams('q=calls.example&status=active'),
      workspace: workspace(),
    })
    const pdf = await getDocument({
      data: new Uint8Array(await bytes(answer)),
      standardFontDataUrl: `${path.resolve('node_modules/pdfjs-dist/standard_fonts')}/`,
    }).promise
    let text = ''
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent()
      text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n'
    }
    expect(text).toContain('Users — Export test')
    expect(text).toContain('Search “calls.example”; Status: Active')
    expect(text).toMatch(/Page 1 of \d+/)
    for (const name of ['Ana Lima', 'Bo Chen', 'Di Müller']) expect(text).toContain(name)
    expect(text).not.toContain('Cy Okafor') // inactive
    expect(text).not.toMatch(NO_SECRETS)
  })

  it('keyset batches return every row once, in order, for every sort key', async () => {
    for (const sort of ['name', '-username', 'email', '-role', 'status', 'force_login', '-last_login', 'created']) {
      const params = parseUserListParams(new URLSearchParams(`sort=${sort}`))
      const got: string[] = []
      for await (const batch of exportRows(db, wholeWorkspace(ws.tenantId), params, 3)) got.push(...batch.map((r) => r.username))
      expect(got, sort).toEqual((await expected(`sort=${sort}`)).map((u) => u.username))
    }
  })

  it('keyset paging keeps microseconds: times that differ below a millisecond neither repeat nor go missing', async () => {
    const a = await createTestUser(db, ws.tenantId, { fullName: 'Micro A' })
    const b = await createTestUser(db, ws.tenantId, { fullName: 'Micro B' })
    await db.execute(sql`UPDATE users SET last_login_at = '2030-01-01 00:00:00.123456+00' WHERE id = ${a.id}`)
    await db.execute(sql`UPDATE users SET last_login_at = '2030-01-01 00:00:00.123789+00' WHERE id = ${b.id}`)
    const params = parseUserListParams(new URLSearchParams('q=micro&sort=-last_login'))
    const got: string[] = []
    for await (const batch of exportRows(db, wholeWorkspace(ws.tenantId), params, 1)) got.push(...batch.map((r) => r.fullName))
    expect(got).toEqual(['Micro B', 'Micro A'])
  })

  it('users added while an export runs, in a range not read yet, are read once and in place (the range overflows its batch)', async () => {
    const params = parseUserListParams(new URLSearchParams('sort=name'))
    const before = (await expected('sort=name')).map((u) => u.fullName)
    expect(before.length).toBeGreaterThan(12)
    const rows = exportRows(db, wholeWorkspace(ws.tenantId), params, 2)
    const got: string[] = []
    const first = await rows.next()
    got.push(...(first.value ?? []).map((r: { fullName: string }) => r.fullName))
    // Right after the 11th name: inside the 6th range of two, which is not on its way yet (two are read ahead).
    await createTestUser(db, ws.tenantId, { fullName: `${before[10]} Late` })
    await createTestUser(db, ws.tenantId, { fullName: `${before[10]} Later` })
    for await (const batch of rows) got.push(...batch.map((r) => r.fullName))
    expect(got).toEqual((await expected('sort=name')).map((u) => u.fullName))
    expect(got).toEqual(expect.arrayContaining([`${before[10]} Late`, `${before[10]} Later`]))
  })

  it('needs users.export, is audited with format, filter and row count, and never includes deleted or other workspaces’ users', async () => {
    expect((await exportUsers(db, exporter('Agent'), { format: 'csv', params: new URLSearchParams(), workspace: workspace() })).kind).toBe(
      'forbidden',
    )
    expect(
      (await exportUsers(db, exporter('Supervisor'), { format: 'csv', params: new URLSearchParams(), workspace: workspace() })).kind,
    ).toBe('stream')
    const other = await createTestWorkspace(db, 'export-other')
    await db
      .update(users)
      .set({ deletedAt: new Date() })
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.username, 'ed.xu')))
    const text = (
      await bytes(await exportUsers(db, exporter(), { format: 'csv', params: new URLSearchParams('q=status'), workspace: workspace() }))
    ).toString('utf8')
    expect(text).not.toContain(other.admin.username)
    const all = (
      await bytes(await exportUsers(db, exporter(), { format: 'csv', params: new URLSearchParams(), workspace: workspace() }))
    ).toString('utf8')
    expect(all).not.toContain('ed.xu')
    expect(all).not.toContain(other.admin.username)
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'users.export')))
      // In the order written: without it PostgreSQL may return the rows in any order (this one failed once on CI).
      .orderBy(auditEntries.id)
    expect(audit.at(-1)?.after).toMatchObject({ format: 'csv', filter: '/users', rows: expect.any(Number) })
  })
})

describe('neutralise', () => {
  it.each(['=1', '+1', '-1', '@a', '\t1', '\r1', '\u00001'])('prefixes %j with an apostrophe', (v) => expect(neutralise(v)).toBe(`'${v}`))
  it('leaves ordinary text alone', () => expect(neutralise('Ana = Lima')).toBe('Ana = Lima'))
})

describe('restoreNeutralised', () => {
  it.each(['=1', '+1', '-1', '@a', '\t1', 'Ana', "'=1", "''+x", "'plain", ''])('undoes neutralise exactly for %j', (v) =>
    expect(restoreNeutralised(neutralise(v))).toBe(v),
  )
})
