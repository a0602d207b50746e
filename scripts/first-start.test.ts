import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb, type DbHandle } from '@/db/client'
import { tenants } from '@/db/schema'
import { prepareFirstStart } from './first-start'

// Each case needs an empty database of its own: a fresh in-memory one.
const key = Buffer.alloc(32, 3).toString('base64')
const handles: DbHandle[] = []
const emptyDb = async () => {
  const handle = await openDb({ url: '', pgliteDir: null })
  handles.push(handle)
  return handle.db
}
afterAll(async () => {
  for (const h of handles) await h.close()
})

describe('npm start on an empty database', () => {
  let pgResult: Awaited<ReturnType<typeof prepareFirstStart>>
  let pgTenants: number
  beforeAll(async () => {
    const db = await emptyDb()
    pgResult = await prepareFirstStart(db, { embedded: false, seedDemo: false, encryptionKey: key })
    pgTenants = (await db.select().from(tenants)).length
  })

  it('on PostgreSQL creates no workspace and prints how to create the first one, no credentials', () => {
    expect(pgTenants).toBe(0)
    expect(pgResult.seeded).toBe(false)
    const text = pgResult.lines.join('\n')
    expect(text).toContain('npm run workspace:create')
    expect(text).not.toContain('switchboard-demo')
  })

  it('on PostgreSQL with SEED_DEMO=1 seeds the demo and prints its sign-in once', async () => {
    const db = await emptyDb()
    const first = await prepareFirstStart(db, { embedded: false, seedDemo: true, encryptionKey: key })
    expect(first.seeded).toBe(true)
    expect(first.lines.join('\n')).toContain('password "switchboard-demo"')
    const again = await prepareFirstStart(db, { embedded: false, seedDemo: true, encryptionKey: key })
    expect(again).toEqual({ seeded: false, lines: [] })
  })

  it('embedded: seeds the demo into an empty database, and prints credentials only when just created', async () => {
    const db = await emptyDb()
    const first = await prepareFirstStart(db, { embedded: true, seedDemo: false, encryptionKey: key })
    expect(first.seeded).toBe(true)
    expect(first.lines.join('\n')).toContain('user "admin"')
    expect((await prepareFirstStart(db, { embedded: true, seedDemo: false, encryptionKey: key })).lines).toEqual([])
  })
})
