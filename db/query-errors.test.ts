import { inspect } from 'node:util'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from './client'
import { users } from './schema'
import { createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { DatabaseQueryError, scrub } from './query-errors'
import { isUniqueViolation } from '@/db/errors'

let db: Db
let ws: TestWorkspace
beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db)
})

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$SECRETHASHVALUE'

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected the query to fail')
}

describe('a failed query', () => {
  it('carries no parameter and no key value anywhere a logger could print (message, properties, cause, inspect)', async () => {
    const error = await failure(() =>
      db
        .insert(users)
        .values({ tenantId: ws.tenantId, id: ws.admin.id, fullName: 'Dup', email: 'dup@x.test', username: 'dup.user', passwordHash: HASH }),
    )
    expect(error).toBeInstanceOf(DatabaseQueryError)
    for (const shown of [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      (error as Error).stack ?? '',
    ]) {
      expect(shown).not.toContain('SECRETHASHVALUE')
      expect(shown).not.toContain(ws.admin.id)
    }
    // What the app needs to tell a race from a bug is still there.
    expect(isUniqueViolation(error, 'users_pkey')).toBe(true)
    expect((error as DatabaseQueryError).query).toMatch(/insert into "users"/)
  })

  it('inside a transaction and through raw SQL alike', async () => {
    const inTx = await failure(() => db.transaction(async (tx) => tx.execute(sql`SELECT ${HASH}::uuid`)))
    const raw = await failure(() => db.execute(sql`SELECT ${'sb_live_SECRETTOKEN'}::int`))
    for (const error of [inTx, raw]) {
      expect(error).toBeInstanceOf(DatabaseQueryError)
      const shown = inspect(error, { depth: 10, showHidden: true })
      expect(shown).not.toContain('SECRETHASHVALUE')
      expect(shown).not.toContain('SECRETTOKEN')
    }
  })

  it('scrub removes quoted literals and secret-shaped words from a database message', () => {
    expect(scrub('invalid input syntax for type uuid: "$argon2id$abc"')).toBe('invalid input syntax for type uuid: "…"')
    expect(scrub("value sb_abc123 is bad and 'quoted'")).toBe("value [redacted] is bad and '…'")
  })
})
