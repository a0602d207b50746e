import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from './client'

/**
 * Removing a row makes PostgreSQL look, for each foreign key that references
 * it, for rows that still point at it. Without an index that leads with the
 * key's columns that look reads the referencing table whole, once per removed
 * row: removing a workspace's 100,000 users (seed:bulk re-seeding it) took
 * 35 ms a user for users.deleted_by alone. Every foreign key has such an index
 * but these, each for its reason.
 */
const UNINDEXED = new Map([
  // Rows live for minutes: a sign-in between its password and its second factor, or its identity provider's answer.
  ['pending_sign_ins.pending_sign_ins_user_fk', 'short-lived rows'],
  ['sso_sign_ins.sso_sign_ins_requested_by_fk', 'short-lived rows'],
  // A few tokens per workspace.
  ['scim_tokens.scim_tokens_created_by_fk', 'a few rows per workspace'],
  // Removing a profile (rare) reads the users table once; an index would be written on every user's change.
  ['users.users_profile_fk', 'rare removal, costly index'],
])

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows

describe('foreign keys', () => {
  it('each has an index that leads with its columns, but for the few listed with their reason', async () => {
    const keys = await rows<{ table: string; name: string; columns: string }>(sql`
      SELECT t.relname AS table, c.conname AS name, array_to_string(c.conkey, ' ') AS columns
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`)
    const indexes = await rows<{ table: string; columns: string }>(sql`
      SELECT t.relname AS table, x.indkey::text AS columns
        FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relnamespace = 'public'::regnamespace`)
    expect(keys.length).toBeGreaterThan(20)
    const sorted = (columns: string[]) => [...columns].sort().join(' ')
    const backed = (key: { table: string; columns: string }) => {
      const columns = key.columns.split(' ')
      return indexes.some((i) => i.table === key.table && sorted(i.columns.split(' ').slice(0, columns.length)) === sorted(columns))
    }
    const unbacked = keys.filter((k) => !backed(k)).map((k) => `${k.table}.${k.name}`)
    expect(unbacked.filter((k) => !UNINDEXED.has(k))).toEqual([])
    // An entry here that has since got its index goes too.
    expect([...UNINDEXED.keys()].filter((k) => !unbacked.includes(k))).toEqual([])
  })
})
