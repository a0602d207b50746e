import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'
import { acquireDataDirLock } from './data-dir-lock'
import { installQueryErrorScrubbing } from './query-errors'

export type Schema = typeof schema
/** Both drivers (node-postgres, PGlite) behind one type: the query builder is the same. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Anything that runs queries: the database or a transaction. */
export type Queryable = Db | Tx

export interface DbHandle {
  db: Db
  kind: 'postgres' | 'pglite'
  /** Applies pending migrations; a no-op when there are none. */
  migrate(): Promise<void>
  /**
   * LISTEN on `channel`: `onPayload` gets each NOTIFY's payload, from any
   * connection to the database (every app instance). Resolves to a function that stops.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  /** PGlite only: its data directory as one file, to start other databases from (`pgliteTemplate`). */
  dumpDataDir?: () => Promise<Blob>
  close(): Promise<void>
}

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations')

/** `DATA_DIR=memory://` runs PGlite in memory: nothing is kept (tests, throw-away demos). */
export const IN_MEMORY = 'memory://'

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || '.data')
}

// Any constant works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 7_413_229_001

async function openPostgres(url: string): Promise<DbHandle> {
  const { Pool } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  installQueryErrorScrubbing()
  const pool = new Pool({ connectionString: url, max: Number(process.env.DB_POOL_MAX || 10) })
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', (error) => console.error('[db] idle PostgreSQL client error:', error.message))
  // Behind a pooler in transaction mode (PgBouncer) a session is not ours: what needs one (the migrations'
  // advisory lock, LISTEN) goes straight to PostgreSQL when DATABASE_DIRECT_URL says where.
  const direct = url === process.env.DATABASE_URL && process.env.DATABASE_DIRECT_URL ? process.env.DATABASE_DIRECT_URL : url
  const migrate = async () => {
    const { migrate: runMigrations } = await import('drizzle-orm/node-postgres/migrator')
    const { Client } = await import('pg')
    const client = new Client({ connectionString: direct })
    await client.connect()
    try {
      // Many instances may start at once: one migrates, the others wait and find nothing to do.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
      await runMigrations(drizzle({ client, schema }), { migrationsFolder })
    } finally {
      // Ending the connection ends its session, which releases the advisory lock whatever happened.
      await client.end()
    }
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db
  return {
    db,
    kind: 'postgres',
    migrate,
    listen: (channel, onPayload) => listenPostgres(direct, channel, onPayload),
    close: () => pool.end(),
  }
}

/**
 * A connection of its own that LISTENs (a pooled one would be handed to other
 * queries), reconnecting after an error with a growing pause (1 s … 30 s).
 */
async function listenPostgres(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  const { Client } = await import('pg')
  let stopped = false
  let client: InstanceType<typeof Client> | null = null
  let pause = 1000
  const connect = async (): Promise<void> => {
    if (stopped) return
    const next = new Client({ connectionString: url })
    next.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '')
    })
    next.on('error', (error) => {
      console.error('[db] LISTEN connection error:', error.message)
      void next.end().catch(() => undefined)
      if (client === next) client = null
      setTimeout(() => void connect().catch(() => undefined), pause)
      pause = Math.min(pause * 2, 30_000)
    })
    await next.connect()
    // The channel is a constant of ours, never input: identifiers can't be parameters.
    await next.query(`LISTEN ${channel}`)
    client = next
    pause = 1000
  }
  await connect()
  return async () => {
    stopped = true
    await client?.end()
  }
}

async function openPglite(dir: string | null, template?: Blob): Promise<DbHandle> {
  const release = dir ? acquireDataDirLock(dir) : () => undefined
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
    const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin')
    const { drizzle } = await import('drizzle-orm/pglite')
    installQueryErrorScrubbing()
    const client = await PGlite.create(dir ? path.join(dir, 'pgdata') : undefined, {
      extensions: { pg_trgm, btree_gin },
      ...(template ? { loadDataDir: template } : {}),
    })
    const pglite = drizzle({ client, schema })
    return {
      db: pglite as unknown as Db,
      kind: 'pglite',
      migrate: async () => {
        const { migrate: runMigrations } = await import('drizzle-orm/pglite/migrator')
        await runMigrations(pglite, { migrationsFolder })
        // PGlite has no autovacuum: without this the planner keeps the statistics
        // of whenever tables were last analysed (empty, after the first
        // migration) and picks plans for empty tables, e.g. a scan of every
        // membership per user in the search-text triggers. ~1 s at 300,000 users.
        await client.exec('ANALYZE')
      },
      // PGlite is one process: its NOTIFY reaches the listeners of that process, which is every "instance" it has.
      listen: async (channel, onPayload) => {
        const stop = await client.listen(channel, onPayload)
        return async () => stop()
      },
      dumpDataDir: () => client.dumpDataDir('none'),
      close: async () => {
        await client.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw error
  }
}

export interface OpenOptions {
  /** PostgreSQL URL; defaults to DATABASE_URL. */
  url?: string
  /** PGlite data directory; defaults to DATA_DIR. `null` opens an in-memory database. */
  pgliteDir?: string | null
  /** Apply pending migrations (idempotent). Default true. */
  migrate?: boolean
  /**
   * A new PGlite starts from this dump of another's data directory (`dumpDataDir`)
   * instead of an empty cluster: the tests migrate one database and start every
   * file's from it (initdb alone is ~2.5 s of PGlite's start).
   */
  pgliteTemplate?: Blob
}

/** Opens a new connection (scripts and tests). The app uses `getDb()`. */
export async function openDb(options: OpenOptions = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL
  const dir = options.pgliteDir === undefined ? (process.env.DATA_DIR === IN_MEMORY ? null : dataDir()) : options.pgliteDir
  const handle = url ? await openPostgres(url) : await openPglite(dir, options.pgliteTemplate)
  if (options.migrate ?? true) {
    try {
      await handle.migrate()
    } catch (error) {
      await handle.close()
      throw error
    }
  }
  return handle
}

const globalKey = Symbol.for('switchboard.db')
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbHandle> }

/**
 * The process-wide database, opened on first use (never at import or build time)
 * and kept on globalThis so hot reloads and separately bundled modules share it.
 */
export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db
}

let processDbOptions: OpenOptions = {}
/** How getDb() opens the process's database when first used (the tests start each file's PGlite from a migrated template). */
export function configureProcessDb(options: OpenOptions): void {
  processDbOptions = options
}

export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb
  if (!g[globalKey]) {
    g[globalKey] = openDb(processDbOptions).catch((error: unknown) => {
      // Let the next request try again instead of caching the failure forever.
      delete g[globalKey]
      throw error
    })
  }
  return g[globalKey]
}

/** Closes the process-wide database, if it was opened. */
export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb
  const handle = g[globalKey]
  delete g[globalKey]
  if (handle) await (await handle).close()
}
