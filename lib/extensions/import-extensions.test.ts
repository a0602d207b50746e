import { and, eq } from 'drizzle-orm'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { extensions } from '@/db/schema'
import { effectivePermissions } from '@/lib/auth/permissions'
import { readTableFile } from '@/lib/imports/read-table-file'
import { createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { extensionImportProcessor, importExtensions } from './import-extensions'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const admin = (ws: TestWorkspace, role: 'Admin' | 'Supervisor' = 'Admin') => ({
  userId: ws.admin.id,
  tenantId: ws.tenantId,
  label: ws.admin.username,
  permissions: effectivePermissions(role, null),
})
const file = (rows: string[][]) => readTableFile(Buffer.from(Papa.unparse(rows, { newline: '\r\n' })))
const HEADER = ['Number', 'Type', 'Voicemail', 'Voicemail PIN', 'Notification email']
const run = (skipErrors = false) => ({ skipErrors, fileName: 'ext.csv', jobId: null })

describe('extensions import', () => {
  it('uses the extension form’s rules and the file’s own: voicemail needs a PIN, a number once per file', async () => {
    const ws = await createTestWorkspace(db)
    const preview = await extensionImportProcessor.preview(
      db,
      admin(ws),
      await file([
        HEADER,
        ['301', 'SIP', 'Yes', '', ''],
        ['302', 'Fax', '', '', ''],
        ['303', '', '', '', ''],
        ['303', '', '', '', ''],
        ['304', 'WebRTC', 'Yes', '1234', 'vm@x.test'],
      ]),
      {},
    )
    expect(preview.summary).toEqual({ create: 1, update: 0, unchanged: 0, error: 4 })
    expect(preview.rows.map((r) => r.errors)).toEqual([
      [{ field: 'Voicemail PIN', message: 'Set a PIN to turn voicemail on.' }],
      [{ field: 'Type', message: 'Use WebRTC or SIP.' }],
      [{ field: 'Number', message: 'Extension 303 appears on rows 4 and 5 of this file.' }],
      [{ field: 'Number', message: 'Extension 303 appears on rows 4 and 5 of this file.' }],
      undefined,
    ])
  })

  it('all or nothing, or the valid rows with skip; a stored PIN counts; the same file again is unchanged; other workspaces never match', async () => {
    const ws = await createTestWorkspace(db)
    const other = await createTestWorkspace(db)
    await db.insert(extensions).values({ tenantId: other.tenantId, number: '401', type: 'SIP' })
    const rows = [HEADER, ['401', 'WebRTC', 'Yes', '2468', ''], ['402', 'SIP', 'Maybe', '', '']]
    expect(await importExtensions(db, admin(ws), await file(rows), run(false))).toMatchObject({ written: false, created: 0, failed: 1 })
    expect(await db.select().from(extensions).where(eq(extensions.tenantId, ws.tenantId))).toEqual([])
    expect(await importExtensions(db, admin(ws), await file(rows), run(true))).toMatchObject({ written: true, created: 1, failed: 1 })
    const [made] = await db
      .select()
      .from(extensions)
      .where(and(eq(extensions.tenantId, ws.tenantId), eq(extensions.number, '401')))
    expect(made).toMatchObject({ type: 'WebRTC', voicemailEnabled: true })
    expect(made!.voicemailPinHash).toBeTruthy()
    expect(made!.sipSecretCiphertext).toBeTruthy()
    // Voicemail stays on with the stored PIN; the same row again changes nothing.
    const again = await extensionImportProcessor.preview(db, admin(ws), await file([HEADER, ['401', 'WebRTC', 'Yes', '', '']]), {})
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 1, error: 0 })
    // The other workspace's 401 is untouched.
    expect((await db.select().from(extensions).where(eq(extensions.tenantId, other.tenantId)))[0]).toMatchObject({ type: 'SIP' })
  })

  it('needs extensions.manage', async () => {
    const ws = await createTestWorkspace(db)
    await expect(importExtensions(db, admin(ws, 'Supervisor'), await file([HEADER, ['501', '', '', '', '']]), run())).rejects.toThrow(
      'You don’t have permission to import extensions.',
    )
  })
})
