import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from './client'

/**
 * The invariant that lets the schema be distributed by tenant_id (Citus,
 * docs/scaling.md): every table but the few global ones carries tenant_id, and
 * its primary key, every unique key or unique index, and every foreign key
 * between tenant-owned tables lead with it. A new table, key or index that
 * breaks it fails here, with its name.
 */
const GLOBAL_TABLES = new Set([
  // The workspaces themselves (Citus: a reference table, or the distribution's own key).
  'tenants',
  // Sign-in throttling: keyed by a hash of (workspace, name) or of the client address, before any workspace is known.
  'auth_throttle',
  // drizzle's migration journal.
  '__drizzle_migrations',
])

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows

describe('every tenant-owned key leads with tenant_id', () => {
  it('every table but the global ones has tenant_id', async () => {
    const tables = await rows<{ table: string; has: boolean }>(sql`
      SELECT c.relname AS table,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`)
    expect(tables.length).toBeGreaterThan(20)
    expect(tables.filter((t) => !t.has && !GLOBAL_TABLES.has(t.table)).map((t) => t.table)).toEqual([])
  })

  it('primary keys, unique keys and unique indexes start with tenant_id', async () => {
    const unique = await rows<{ table: string; index: string; first: string }>(sql`
      SELECT t.relname AS table, i.relname AS index, a.attname AS first
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
       WHERE t.relnamespace = 'public'::regnamespace AND x.indisunique`)
    expect(unique.length).toBeGreaterThan(30)
    const breaking = unique.filter((u) => !GLOBAL_TABLES.has(u.table) && u.first !== 'tenant_id').map((u) => `${u.table}.${u.index}`)
    expect(breaking).toEqual([])
  })

  it('foreign keys between tenant-owned tables start with tenant_id on both sides', async () => {
    const fks = await rows<{ name: string; table: string; target: string; local: string; remote: string }>(sql`
      SELECT c.conname AS name, t.relname AS table, r.relname AS target,
             (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1]) AS local,
             (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1]) AS remote
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`)
    expect(fks.length).toBeGreaterThan(20)
    const breaking = fks
      // A table's tenant_id → tenants.id is the distribution key itself.
      .filter((f) => !(f.target === 'tenants' && f.local === 'tenant_id'))
      .filter((f) => f.local !== 'tenant_id' || f.remote !== 'tenant_id')
      .map((f) => `${f.table}.${f.name} → ${f.target}`)
    expect(breaking).toEqual([])
  })
})
