import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, getDbHandle, openDb, type Db, type DbHandle } from './client'
import * as schema from './schema'
import { describeSchema } from '@/testing/describe-schema'

let target: Db
let pglite: DbHandle

beforeAll(async () => {
  target = await getDb()
  // A second, independent database built from the same migration files.
  pglite = await openDb({ url: '', pgliteDir: null })
})
afterAll(async () => {
  await pglite.close()
})

describe('migrations', () => {
  it('produce the same schema on PGlite as on the database under test (PostgreSQL in the CI run)', async () => {
    expect(pglite.kind).toBe('pglite')
    const described = await describeSchema(target)
    // Guard against comparing two empty descriptions.
    expect(described.columns.length).toBeGreaterThan(100)
    expect(described.indexes.length).toBeGreaterThan(20)
    expect(described.constraints.length).toBeGreaterThan(30)
    expect(described).toEqual(await describeSchema(pglite.db))
  })

  it('match db/schema.ts: every table and column it declares exists', async () => {
    const described = await describeSchema(target)
    const columns = new Set(described.columns.map((c) => c.split(' ')[0]))
    const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => v instanceof PgTable)
    expect(tables.length).toBeGreaterThanOrEqual(11)
    for (const table of tables) {
      const config = getTableConfig(table)
      for (const column of config.columns) expect(columns).toContain(`${config.name}.${column.name}`)
    }
    expect(described.extensions).toEqual(expect.arrayContaining(['pg_trgm', 'btree_gin']))
  })

  it('are a no-op when run again', async () => {
    const count = async () =>
      ((await target.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] })
        .rows[0]!.n
    const before = await count()
    expect(before).toBeGreaterThanOrEqual(2)
    await (await getDbHandle()).migrate()
    expect(await count()).toBe(before)
  })
})
