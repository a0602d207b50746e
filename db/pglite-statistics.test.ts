import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDb } from './client'

describe('PGlite statistics', () => {
  it('are fresh after every open (PGlite has no autovacuum): the planner sees the rows written since', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-stats-'))
    try {
      const first = await openDb({ url: '', pgliteDir: dir })
      await first.db.execute(sql`INSERT INTO tenants (slug, name) SELECT 'stats-' || i, 'Stats ' || i FROM generate_series(1, 500) AS i`)
      await first.close()
      const second = await openDb({ url: '', pgliteDir: dir })
      try {
        const { rows } = (await second.db.execute(sql`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'tenants'`)) as unknown as {
          rows: { n: number }[]
        }
        expect(rows[0]!.n).toBe(500)
      } finally {
        await second.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
