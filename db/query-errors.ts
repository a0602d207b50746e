import { DrizzleQueryError } from 'drizzle-orm/errors'
import { PgPreparedQuery } from 'drizzle-orm/pg-core'

/**
 * A failed query, as it may travel and be logged anywhere. drizzle's own
 * DrizzleQueryError puts every parameter of the query into its message (and
 * keeps them as `params`), and PostgreSQL's error `detail` repeats key values:
 * a password hash, a token hash or a sealed SIP secret would reach whatever
 * logs the error, including Next's own logger for server actions, where no
 * `instanceof` check of ours can intervene. So no error leaves the database
 * layer with values: it carries the SQL text (placeholders only), the
 * database's code, constraint, table and column, and its message with quoted
 * literals removed.
 */
export class DatabaseQueryError extends Error {
  override name = 'DatabaseQueryError'
  readonly query: string
  readonly code?: string
  readonly constraint?: string
  readonly table?: string
  readonly column?: string

  constructor(query: string, cause: unknown) {
    const c = (cause && typeof cause === 'object' ? cause : {}) as Record<string, unknown>
    const text = (key: string) => (typeof c[key] === 'string' ? (c[key] as string) : undefined)
    const where = [
      text('code') ?? 'no code',
      text('constraint'),
      text('table') && `table ${text('table')}`,
      text('column') && `column ${text('column')}`,
    ]
    super(
      `Failed query (${where.filter(Boolean).join(', ')}): ${scrub(text('message') ?? 'unknown error')}\nquery: ${query.slice(0, 2000)}`,
    )
    this.query = query
    this.code = text('code')
    this.constraint = text('constraint')
    this.table = text('table')
    this.column = text('column')
  }
}

/** Quoted values (`invalid input syntax for type uuid: "…"`) and anything shaped like one of our secrets. */
export function scrub(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\$argon2[^\s,)]*/g, '[redacted]')
    .replace(/\bsb_[A-Za-z0-9_-]+/g, '[redacted]')
}

const patched = Symbol.for('switchboard.query-errors')

/**
 * Every driver's prepared statement runs through PgPreparedQuery's
 * queryWithCache, which is where drizzle wraps the driver's error: rethrow
 * ours instead. Idempotent; called when a database is opened, with the copy
 * of drizzle that opened it.
 */
export function installQueryErrorScrubbing(): void {
  const proto = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown> & {
    queryWithCache: (queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>
  }
  if (proto[patched]) return
  const original = proto.queryWithCache
  proto.queryWithCache = async function (this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) {
    try {
      return await original.call(this, queryString, params, query)
    } catch (error) {
      const e = error as { cause?: unknown }
      // drizzle's wrapper keeps the driver's error as `cause`; anything else (e.g. a rollback) passes through untouched.
      // (Duck-typed too: a bundler may hand us a second copy of drizzle's class.)
      if (error instanceof DrizzleQueryError || (error instanceof Error && Array.isArray((error as { params?: unknown }).params))) {
        throw new DatabaseQueryError(queryString, e.cause)
      }
      throw error
    }
  }
  proto[patched] = true
}
