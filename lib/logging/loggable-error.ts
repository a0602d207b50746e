import { DrizzleQueryError } from 'drizzle-orm/errors'

/**
 * An error as it may be logged: drizzle's query errors carry the query's
 * parameters in their message (a password hash, a sealed SIP secret), so for
 * those the database's own error and the query text go out, never the values.
 */
export function loggableError(error: unknown): unknown {
  if (error instanceof DrizzleQueryError) return { query: error.query, cause: error.cause }
  return error
}
