import { eq } from 'drizzle-orm'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, extensions, users } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, softDeleteUser, type TestWorkspace } from '@/testing/fixtures'
import { directorySecretOf, regenerateDirectorySecret, splitName } from '@/lib/directory/directory'
import { GET } from './route'

let db: Db
let ws: TestWorkspace
let secret: string
let counter = 7000 + Math.floor(Math.random() * 1000)
const HOSTILE_NAME = `Zoë "Zed" O'Brien & <Partners>`

/** A user of `tenantId` with a new extension and these columns. */
async function person(tenantId: string, over: Partial<typeof users.$inferInsert> = {}) {
  const number = String(++counter)
  const [ext] = await db.insert(extensions).values({ tenantId, number }).returning()
  const u = await createTestUser(db, tenantId)
  await db
    .update(users)
    .set({ extensionId: ext!.id, ...over })
    .where(eq(users.id, u.id))
  return { ...u, number }
}

let visible: Awaited<ReturnType<typeof person>>
let hostile: Awaited<ReturnType<typeof person>>
let hidden: Awaited<ReturnType<typeof person>>
let inactive: Awaited<ReturnType<typeof person>>
let deleted: Awaited<ReturnType<typeof person>>

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'dir')
  secret = await directorySecretOf(db, ws.tenantId)
  visible = await person(ws.tenantId, { fullName: 'Ana María Lima', jobTitle: 'Team lead', department: 'Support', mobile: '+447911123456' })
  hostile = await person(ws.tenantId, { fullName: HOSTILE_NAME })
  hidden = await person(ws.tenantId, { fullName: 'Hidden Person', hideFromDirectory: true })
  inactive = await person(ws.tenantId, { fullName: 'Inactive Person', status: 'inactive' })
  deleted = await person(ws.tenantId, { fullName: 'Deleted Person' })
  await softDeleteUser(db, ws.tenantId, deleted.id)
  await createTestUser(db, ws.tenantId, { fullName: 'No Extension' })
  const other = await createTestWorkspace(db, 'dir-other')
  await person(other.tenantId, { fullName: 'Other Workspace Person' })
})

const fetchDirectory = (s: string, query = '') =>
  GET(new Request(`http://localhost/directory/${s}${query}`), { params: Promise.resolve({ secret: s }) })
const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['DirectoryEntry', 'Contact', 'Telephone', 'Phone'].includes(name),
    parseTagValue: false,
  }).parse(xml)

describe('GET /directory/{secret}', () => {
  it('Yealink: valid UTF-8 XML with YealinkIPPhoneDirectory / DirectoryEntry / Name / Telephone, names escaped, only visible active users', async () => {
    const response = await fetchDirectory(secret, '?format=yealink')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8')
    const xml = await response.text()
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).toContain('Zoë &quot;Zed&quot; O&apos;Brien &amp; &lt;Partners&gt;')
    const entries = parse(xml).YealinkIPPhoneDirectory.DirectoryEntry as { Name: string; Telephone: string[] }[]
    expect(entries.map((e) => e.Name).sort()).toEqual(['Ana María Lima', HOSTILE_NAME].sort())
    expect(entries.find((e) => e.Name === 'Ana María Lima')!.Telephone).toEqual([visible.number, '+447911123456'])
    expect(entries.find((e) => e.Name === HOSTILE_NAME)!.Telephone).toEqual([hostile.number])
  })

  it('Grandstream: AddressBook / Contact / FirstName / LastName / Phone / phonenumber / accountindex', async () => {
    const response = await fetchDirectory(secret, '?format=grandstream')
    const xml = await response.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    const contacts = parse(xml).AddressBook.Contact as {
      FirstName: string
      LastName: string
      Phone: { phonenumber: string; accountindex: string; '@_type': string }[]
    }[]
    expect(contacts).toHaveLength(2)
    const ana = contacts.find((c) => c.LastName === 'Lima')!
    expect(ana.FirstName).toBe('Ana María')
    expect(ana.Phone).toEqual([
      { phonenumber: visible.number, accountindex: '0', '@_type': 'Work' },
      { phonenumber: '+447911123456', accountindex: '0', '@_type': 'Mobile' },
    ])
    expect(contacts.map((c) => `${c.FirstName} ${c.LastName}`)).toContain(HOSTILE_NAME)
  })

  it('JSON (the default): every entry with job title, department and mobile; hidden, inactive, deleted and extension-less users left out', async () => {
    const response = await fetchDirectory(secret)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await response.json()
    expect(body.entries).toEqual([
      { fullName: 'Ana María Lima', extension: visible.number, jobTitle: 'Team lead', department: 'Support', mobile: '+447911123456' },
      { fullName: HOSTILE_NAME, extension: hostile.number, jobTitle: '', department: '', mobile: '' },
    ])
    const text = JSON.stringify(body)
    for (const p of [hidden, inactive, deleted]) expect(text).not.toContain(p.number)
    expect(text).not.toMatch(/Other Workspace|No Extension/)
  })

  it('per extension (?ext=N) leaves the asking phone’s own entry out; an extension the workspace lacks is 404', async () => {
    const body = await (await fetchDirectory(secret, `?ext=${visible.number}`)).json()
    expect(body.entries.map((e: { fullName: string }) => e.fullName)).toEqual([HOSTILE_NAME])
    expect((await fetchDirectory(secret, '?ext=99999999')).status).toBe(404)
  })

  it('a wrong secret is 404, an unknown format 400; regenerating (settings.manage, audited) makes the old URL 404', async () => {
    expect((await fetchDirectory('x'.repeat(64))).status).toBe(404)
    expect((await fetchDirectory('short')).status).toBe(404)
    expect((await fetchDirectory(secret, '?format=cisco')).status).toBe(400)

    expect(await regenerateDirectorySecret(db, actorOf(ws, 'Supervisor'))).toMatchObject({ ok: false, reason: 'forbidden' })
    expect(await directorySecretOf(db, ws.tenantId)).toBe(secret)
    expect(await regenerateDirectorySecret(db, actorOf(ws))).toEqual({ ok: true })
    const fresh = await directorySecretOf(db, ws.tenantId)
    expect(fresh).not.toBe(secret)
    expect(fresh).toMatch(/^[0-9a-f]{64}$/)
    expect((await fetchDirectory(secret)).status).toBe(404)
    expect((await fetchDirectory(fresh)).status).toBe(200)
    expect((await db.select().from(auditEntries).where(eq(auditEntries.tenantId, ws.tenantId))).map((a) => a.action)).toContain(
      'directory.regenerate',
    )
    secret = fresh
  })
})

describe('splitName', () => {
  it.each([
    ['Ana María Lima', 'Ana María', 'Lima'],
    ['Cher', 'Cher', ''],
    ['  Bo   Chen ', 'Bo', 'Chen'],
  ])('%s → %s / %s', (full, first, last) => expect(splitName(full)).toEqual({ first, last }))
})
