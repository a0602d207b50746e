import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createFreshDatabase, dropDatabase } from '@/testing/fresh-database'
import { migrationsFolder, openDb } from './client'

/**
 * Three instances starting at once on an empty PostgreSQL database: one
 * migrates under the advisory lock, the others wait and find nothing to do.
 * (PostgreSQL only: PGlite is one process, its data directory one instance's.)
 */
describe.runIf(process.env.TEST_DATABASE_URL)('migrations started by three instances at once', () => {
  it('run once, and every instance ends up with the whole schema', async () => {
    const url = await createFreshDatabase(process.env.TEST_DATABASE_URL!, 'sb_migrate')
    try {
      const handles = await Promise.all([1, 2, 3].map(() => openDb({ url, migrate: false })))
      try {
        await Promise.all(handles.map((h) => h.migrate()))
        const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
        const applied = (await handles[0]!.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`)) as unknown as {
          rows: { n: number }[]
        }
        expect(applied.rows[0]!.n).toBe(journal.entries.length)
        for (const h of handles) await h.db.execute(sql`SELECT count(*) FROM webhook_deliveries`)
      } finally {
        await Promise.all(handles.map((h) => h.close()))
      }
    } finally {
      await dropDatabase(process.env.TEST_DATABASE_URL!, url)
    }
  })
})
