import { and, eq, isNull, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { wholeWorkspace } from '@/lib/auth/scope'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, getDbHandle, type Db } from '@/db/client'
import { auditEntries, extensions, groups, importJobUsers, profiles, userGroups, users } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { effectivePermissions } from '@/lib/auth/permissions'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { exportRows } from '@/lib/exports/export-rows'
import { textCells } from '@/lib/exports/formats'
import { createImportJob, failedRowsCsv, importRows, loadImportJob, queueImport, runImportJobs } from '@/lib/imports/import-jobs'
import { readTableFile } from '@/lib/imports/read-table-file'
import { createTestUser, createTestWorkspace, seedPeople, type TestWorkspace } from '@/testing/fixtures'
import { importUsers, userImportProcessor } from './import-users-apply'
import { planUserImport } from './import-users'
import { EXPORT_COLUMNS } from './list-export-columns'
import { parseUserListParams } from './list-params'
import { listUsers } from './list-users'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const admin = (ws: TestWorkspace, permissions = effectivePermissions('Admin', null)): Actor => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: ws.admin.username,
  permissions,
})
const csvOf = (rows: string[][]) => readTableFile(Buffer.from(Papa.unparse(rows, { newline: '\r\n' })))
const HEADER = ['Full name', 'Username', 'Email', 'Extension', 'Extension type', 'Role', 'Profile', 'Groups', 'Status', 'Force login']
const plan = async (ws: TestWorkspace, rows: string[][], options = { createMissingExtensions: false }, actor = admin(ws)) =>
  planUserImport(db, actor, await csvOf(rows), options)
const run = (skipErrors = false) => ({ createMissingExtensions: false, skipErrors, fileName: 'people.csv', jobId: null })

async function exportCsv(ws: TestWorkspace): Promise<string[][]> {
  const out: string[][] = [EXPORT_COLUMNS.map((c) => c.header)]
  for await (const batch of exportRows(db, wholeWorkspace(ws.tenantId), parseUserListParams({})))
    out.push(...batch.map((r) => textCells(r, true)))
  return out
}

const liveUser = async (ws: TestWorkspace, username: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.username, username), isNull(users.deletedAt)))
  )[0]

describe('planUserImport (the preview)', () => {
  it('round trip: the whole export (CSV and Excel) previews as all unchanged; three changed cells are exactly three updates, old → new', async () => {
    const ws = await createTestWorkspace(db)
    await seedPeople(db, ws.tenantId)
    // A name a spreadsheet would read as a formula: the export neutralises it, the import reads it back as it was.
    await db
      .update(users)
      .set({ fullName: '=Ana Lima' })
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.username, 'ana.lima')))
    const exported = await exportCsv(ws)
    const csv = await plan(ws, exported)
    expect(csv.preview.summary).toEqual({ create: 0, update: 0, unchanged: exported.length - 1, error: 0 })
    expect(csv.preview.readOnlyColumns).toEqual(['Last login (UTC)', 'Created (UTC)'])

    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Users')
    for (const row of exported) sheet.addRow(row)
    const xlsx = await planUserImport(db, admin(ws), await readTableFile(new Uint8Array(await workbook.xlsx.writeBuffer())), {
      createMissingExtensions: false,
    })
    expect(xlsx.preview.summary.unchanged).toBe(exported.length - 1)

    const changed = exported.map((r) => [...r])
    const at = (username: string) => changed.findIndex((r) => r[1] === username)
    changed[at('bo.chen')]![0] = 'Bo Chen-Li'
    changed[at('di_mueller')]![8] = 'inactive'
    changed[at('ana.lima')]![7] = 'Sales Team'
    const edited = await plan(ws, changed)
    expect(edited.preview.summary).toMatchObject({ update: 3, unchanged: exported.length - 4, error: 0, create: 0 })
    const changes = edited.preview.rows.filter((r) => r.action === 'update').flatMap((r) => r.changes)
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'Full name', from: 'Bo Chen', to: 'Bo Chen-Li' },
        { field: 'Status', from: 'active', to: 'inactive' },
        { field: 'Groups', from: 'Support Desk', to: 'Sales Team' },
      ]),
    )
    expect(changes).toHaveLength(3)
  })

  it('a 5-row file with a duplicate extension and an unknown role: 3 creates and 2 errors with their row numbers', async () => {
    const ws = await createTestWorkspace(db)
    await db.insert(extensions).values([
      { tenantId: ws.tenantId, number: '4001' },
      { tenantId: ws.tenantId, number: '4002' },
    ])
    const rows = [
      HEADER,
      ['Amy One', 'amy.one', 'amy@x.test', '4001', '', 'Agent', '', '', 'active', 'No'],
      ['Ben Two', 'ben.two', 'ben@x.test', '', '', 'Agent', '', '', 'active', 'No'],
      ['Cat Three', 'cat.three', 'cat@x.test', '', '', 'Supervisor', '', '', '', ''],
      ['Dan Four', 'dan.four', 'dan@x.test', '4002', '', 'Agent', '', '', 'active', 'No'],
      ['Eve Five', 'eve.five', 'eve@x.test', '4002', '', 'Agnet', '', '', 'active', 'No'],
    ]
    const p = await plan(ws, rows)
    expect(p.preview.summary).toEqual({ create: 3, update: 0, unchanged: 0, error: 2 })
    const errorRows = p.preview.rows.filter((r) => r.action === 'error')
    expect(errorRows.map((r) => r.line)).toEqual([5, 6])
    expect(errorRows[0]!.errors).toEqual([{ field: 'Extension', message: 'Extension 4002 appears on rows 5 and 6 of this file.' }])
    expect(errorRows[1]!.errors).toEqual([
      { field: 'Role', message: 'Unknown role “Agnet”. Use Admin, Supervisor or Agent.' },
      { field: 'Extension', message: 'Extension 4002 appears on rows 5 and 6 of this file.' },
    ])

    // All or nothing: nothing is written.
    const none = await importUsers(db, admin(ws), await csvOf(rows), run(false))
    expect(none).toMatchObject({ written: false, created: 0, failed: 2 })
    expect(await liveUser(ws, 'amy.one')).toBeUndefined()

    // Skip rows with errors: the valid ones are written, each audited, the import too.
    const some = await importUsers(db, admin(ws), await csvOf(rows), run(true))
    expect(some).toMatchObject({ written: true, created: 3, failed: 2 })
    expect((await liveUser(ws, 'amy.one'))?.passwordHash).toBeNull()
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.tenantId, ws.tenantId))
    expect(audit.filter((a) => a.action === 'user.create' && (a.after as { import?: string }).import === 'people.csv')).toHaveLength(3)
    expect(audit.find((a) => a.action === 'users.import')?.after).toMatchObject({ file: 'people.csv', created: 3, failed: 2 })

    // The same file again: the written rows are unchanged now.
    const again = await plan(ws, rows)
    expect(again.preview.summary).toEqual({ create: 0, update: 0, unchanged: 3, error: 2 })
  })

  it('uses the form’s rules: unknown names list the valid ones, blank cells keep values, force login needs an extension', async () => {
    const ws = await createTestWorkspace(db)
    const seeded = await seedPeople(db, ws.tenantId)
    void seeded
    const p = await plan(ws, [
      ['Username', 'Profile', 'Groups', 'Force login', 'Email', 'Full name'],
      ['cy.okafor', 'Night Leads', '', '', '', ''],
      ['bo.chen', '', 'Support Desk, Nope', '', '', ''],
      ['ed.xu', '', '', 'Yes', '', ''],
      ['ana.lima', '', '', '', 'not-an-email', ''],
      ['new.person', '', '', '', 'new@x.test', 'New Person'],
    ])
    const byKey = Object.fromEntries(p.preview.rows.map((r) => [r.key, r]))
    expect(byKey['cy.okafor']!.errors).toEqual([
      { field: 'Profile', message: 'Unknown profile “Night Leads”. Profiles of this workspace: Shift Leads.' },
    ])
    expect(byKey['bo.chen']!.errors![0]!.message).toBe('Unknown group “Nope”. Groups of this workspace: Support Desk, Sales Team.')
    expect(byKey['ed.xu']!.errors).toEqual([
      { field: 'Force login', message: 'Force login needs an extension: choose one, or turn force login off.' },
    ])
    expect(byKey['ana.lima']!.errors).toEqual([{ field: 'Email', message: 'Enter a valid email address.' }])
    expect(byKey['new.person']!.errors).toEqual([{ field: 'Role', message: 'The file has no “Role” column: a new user needs one.' }])
  })

  it('another workspace’s profiles, groups, extensions and users never match', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    await seedPeople(db, other.tenantId)
    const p = await plan(ws, [
      HEADER,
      ['Ana Lima', 'ana.lima', 'ana.lima@calls.example', '201', '', 'Supervisor', 'Shift Leads', 'Support Desk', 'active', 'No'],
    ])
    expect(p.preview.rows[0]!.action).toBe('error')
    expect(p.preview.rows[0]!.errors!.map((e) => e.field)).toEqual(['Profile', 'Groups', 'Extension'])
    // The same username in another workspace is a create here, not an update there.
    const q = await plan(ws, [HEADER, ['Ana Lima', 'ana.lima', 'ana.lima@calls.example', '', '', 'Agent', '', '', 'active', 'No']])
    expect(q.preview.summary.create).toBe(1)
  })

  it('the security model: a narrowed admin gives only what they hold, nobody changes their own role, Create missing extensions needs extensions.manage', async () => {
    const ws = await createTestWorkspace(db)
    const narrowed = new Set(effectivePermissions('Admin', null))
    narrowed.delete('settings.manage')
    narrowed.delete('extensions.manage')
    // The acting admin holds that narrowed profile themselves (an actor's rights are their own).
    const [own] = await db
      .insert(profiles)
      .values({ tenantId: ws.tenantId, role: 'Admin', name: 'Narrowed', permissions: [...narrowed] })
      .returning({ id: profiles.id })
    await db.update(users).set({ profileId: own!.id }).where(eq(users.id, ws.admin.id))
    const p = await plan(
      ws,
      [
        HEADER,
        ['Full Admin', 'full.admin', 'full@x.test', '', '', 'Admin', '', '', 'active', 'No'],
        [ws.admin.username, ws.admin.username, ws.admin.email, '', '', 'Agent', '', '', 'active', 'No'],
        ['Ext Person', 'ext.person', 'ext@x.test', '7777', '', 'Agent', '', '', 'active', 'No'],
      ],
      { createMissingExtensions: true },
      admin(ws, narrowed),
    )
    const [full, self, ext] = p.preview.rows
    expect(full!.errors).toEqual([
      { field: 'Role', message: 'You can only give permissions you have yourself: choose a role and profile within your own.' },
    ])
    expect(self!.errors!.map((e) => e.message)).toContain('You can’t change your own role.')
    expect(ext!.errors![0]!.message).toContain('you don’t have permission to create extensions')
  })

  it('Create missing extensions creates them (sealed SIP password) with the row’s type', async () => {
    const ws = await createTestWorkspace(db)
    const rows = [HEADER, ['Sip Person', 'sip.person', 'sip@x.test', '8123', 'SIP', 'Agent', '', '', 'active', 'Yes']]
    expect((await plan(ws, rows)).preview.summary.error).toBe(1)
    const result = await importUsers(db, admin(ws), await csvOf(rows), { ...run(), createMissingExtensions: true })
    expect(result).toMatchObject({ written: true, created: 1 })
    const [ext] = await db
      .select()
      .from(extensions)
      .where(and(eq(extensions.tenantId, ws.tenantId), eq(extensions.number, '8123')))
    expect(ext).toMatchObject({ type: 'SIP', userId: (await liveUser(ws, 'sip.person'))!.id })
    expect(ext!.sipSecretCiphertext).toBeTruthy()
  })

  it('an imported password follows the policy and signs in; without one the user can’t sign in', async () => {
    const ws = await createTestWorkspace(db)
    const rows = [
      [...HEADER, 'Password'],
      ['Pat Word', 'pat.word', 'pat@x.test', '', '', 'Agent', '', '', 'active', 'No', 'short'],
      ['Kim Key', 'kim.key', 'kim@x.test', '', '', 'Agent', '', '', 'active', 'No', 'long-enough-Passphrase-41'],
      ['No Pass', 'no.pass', 'nopass@x.test', '', '', 'Agent', '', '', 'active', 'No', ''],
    ]
    const result = await importUsers(db, admin(ws), await csvOf(rows), run(true))
    expect(result.errors[0]!.errors).toEqual([{ field: 'Password', message: 'Use at least 12 characters.' }])
    const client = { ip: null, userAgent: '' }
    expect(
      (await verifyCredentials(db, { workspace: ws.slug, identifier: 'kim.key', password: 'long-enough-Passphrase-41' }, client)).ok,
    ).toBe(true)
    expect((await verifyCredentials(db, { workspace: ws.slug, identifier: 'no.pass', password: 'anything-at-all-123' }, client)).ok).toBe(
      false,
    )
    const audit = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ws.tenantId), eq(auditEntries.action, 'user.create')))
    expect(JSON.stringify(audit)).not.toContain('long-enough-Passphrase-41')
  })

  it('the last active admin can’t be demoted by a file, and re-validation at import time catches what changed since the preview', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    await db
      .update(users)
      .set({ status: 'inactive' })
      .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, other.id)))
    const actor = { ...admin(ws), userId: other.id }
    const rows = [
      ['Username', 'Role'],
      [ws.admin.username, 'Agent'],
    ]
    const result = await importUsers(db, actor, await csvOf(rows), run(false))
    expect(result).toMatchObject({ written: false, failed: 1 })
    expect(result.errors[0]!.errors![0]!.message).toBe('The workspace must keep at least one active admin.')

    const create = [HEADER, ['Late Comer', 'late.comer', 'late@x.test', '', '', 'Agent', '', '', 'active', 'No']]
    expect((await plan(ws, create)).preview.summary.create).toBe(1)
    await createTestUser(db, ws.tenantId).then((u) =>
      db
        .update(users)
        .set({ email: 'late@x.test' })
        .where(and(eq(users.tenantId, ws.tenantId), eq(users.id, u.id))),
    )
    const late = await importUsers(db, admin(ws), await csvOf(create), run(false))
    expect(late).toMatchObject({ written: false })
  })
})

describe('importUsers (the write)', () => {
  it('writes each new user once, their groups already in what the search matches; an existing user’s groups still change', async () => {
    const ws = await createTestWorkspace(db)
    await db.insert(groups).values([
      { tenantId: ws.tenantId, name: 'Night Owls' },
      { tenantId: ws.tenantId, name: 'Early Birds' },
    ])
    const kept = await createTestUser(db, ws.tenantId)
    const rows = [
      HEADER,
      ['Ivo Petrov', 'ivo.petrov', 'ivo@x.test', '', '', 'Agent', '', 'Night Owls, Early Birds', 'active', 'No'],
      ['Mia Santos', 'mia.santos', 'mia@x.test', '', '', 'Agent', '', 'Night Owls', 'active', 'No'],
      ['', kept.username, '', '', '', '', '', 'Early Birds', '', ''],
    ]
    const table = await csvOf(rows)
    // The users table's row writes counted by this backend, before and after: importUsers runs inside this
    // transaction (as a savepoint), and no count is flushed (which would reset them) before it ends.
    const writes = await db.transaction(async (tx) => {
      const counts = async () =>
        (
          (await tx.execute(
            sql`SELECT n_tup_ins::int AS inserted, n_tup_upd::int AS updated FROM pg_stat_xact_user_tables WHERE relname = 'users'`,
          )) as unknown as { rows: { inserted: number; updated: number }[] }
        ).rows[0]!
      const before = await counts()
      expect(await importUsers(tx as unknown as Db, admin(ws), table, run())).toMatchObject({ written: true, created: 2, updated: 1 })
      const after = await counts()
      return { inserted: after.inserted - before.inserted, updated: after.updated - before.updated }
    })
    // Two new rows, each written once. The existing member's row twice, as before: the file's columns, then
    // their new group's name in their search text (the membership trigger).
    expect(writes).toEqual({ inserted: 2, updated: 2 })
    const found = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'early birds' }))
    expect(found.rows.map((r) => r.username).sort()).toEqual(['ivo.petrov', kept.username].sort())
    expect(found.rows.find((r) => r.username === 'ivo.petrov')!.groups.map((g) => g.name)).toEqual(['Early Birds', 'Night Owls'])
  })
})

describe('import jobs', () => {
  it('upload → preview job → import job → users of "this import", and the error CSV holds the failed rows plus Error', async () => {
    const ws = await createTestWorkspace(db)
    const [group] = await db.insert(groups).values({ tenantId: ws.tenantId, name: 'Night' }).returning()
    const text = Papa.unparse(
      [
        HEADER,
        ['Job One', 'job.one', 'job1@x.test', '', '', 'Agent', '', 'Night', 'active', 'No'],
        ['Job Two', 'job.two', 'job2@x.test', '', '', 'Wizard', '', '', 'active', 'No'],
      ],
      { newline: '\r\n' },
    )
    const created = await createImportJob(db, admin(ws), userImportProcessor, {
      kind: 'users',
      fileName: 'night.csv',
      bytes: Buffer.from(text),
      options: {},
    })
    if (!created.ok) throw new Error('upload refused')
    const processors = { users: userImportProcessor, extensions: userImportProcessor }
    await runImportJobs(db, processors, { progressWrites: (await getDbHandle()).kind === 'postgres' })
    const previewed = await loadImportJob(db, admin(ws), created.id, 'users')
    expect(previewed).toMatchObject({ phase: 'preview', status: 'done', preview: { summary: { create: 1, error: 1 } } })
    expect((await importRows(db, admin(ws), created.id, { from: 'preview', action: 'error', page: 1, size: 10 })).rows[0]!.line).toBe(3)

    // Another workspace's admin sees nothing of it and can't queue it.
    const other = await createTestWorkspace(db)
    expect(await loadImportJob(db, admin(other), created.id, 'users')).toBeNull()
    expect((await queueImport(db, admin(other), userImportProcessor, created.id, { skipErrors: true })).ok).toBe(false)

    expect((await queueImport(db, admin(ws), userImportProcessor, created.id, { skipErrors: true })).ok).toBe(true)
    await runImportJobs(db, processors, { progressWrites: (await getDbHandle()).kind === 'postgres' })
    const done = await loadImportJob(db, admin(ws), created.id, 'users')
    expect(done).toMatchObject({ phase: 'import', status: 'done', result: { written: true, created: 1, failed: 1 } })
    const members = await db.select().from(importJobUsers).where(eq(importJobUsers.jobId, created.id))
    expect(members).toHaveLength(1)
    const user = await liveUser(ws, 'job.one')
    expect(await db.select().from(userGroups).where(eq(userGroups.userId, user!.id))).toEqual([
      expect.objectContaining({ groupId: group!.id }),
    ])

    const errors = await failedRowsCsv(db, admin(ws), created.id)
    const parsed = Papa.parse<string[]>(errors!.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    expect(errors!.fileName).toBe('night-errors.csv')
    expect(parsed).toHaveLength(2)
    expect(parsed[0]).toEqual([...HEADER, 'Error'])
    expect(parsed[1]!.slice(0, 2)).toEqual(['Job Two', 'job.two'])
    expect(parsed[1]!.at(-1)).toBe('Role: Unknown role “Wizard”. Use Admin, Supervisor or Agent.')
    // Importing it again is refused: upload again for another run.
    expect(await queueImport(db, admin(ws), userImportProcessor, created.id, { skipErrors: false })).toMatchObject({ reason: 'conflict' })
  })

  it('refuses an upload that is not an importable file, with the reason on the File field', async () => {
    const ws = await createTestWorkspace(db)
    const refused = await createImportJob(db, admin(ws), userImportProcessor, {
      kind: 'users',
      fileName: 'x.csv',
      bytes: Buffer.from('Name,Phone\r\nAna,1\r\n'),
      options: {},
    })
    expect(refused).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining('“Username” or an “Email” column') } })
    const supervisor = await createImportJob(db, admin(ws, effectivePermissions('Supervisor', null)), userImportProcessor, {
      kind: 'users',
      fileName: 'x.csv',
      bytes: Buffer.from('Username\r\nana\r\n'),
      options: {},
    })
    expect(supervisor).toMatchObject({ ok: false, reason: 'forbidden' })
  })

  void profiles
})
