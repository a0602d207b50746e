/** PostgreSQL error details, as thrown by node-postgres and PGlite alike (possibly wrapped by drizzle). */
interface PgErrorLike {
  code?: string
  constraint?: string
  cause?: unknown
}

function pgError(error: unknown): PgErrorLike | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as PgErrorLike
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e
    current = e.cause
  }
  return null
}

/** True for a unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error)
  return !!e && e.code === '23505' && (!constraint || e.constraint === constraint)
}

export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error)
  return !!e && e.code === '23503' && (!constraint || e.constraint === constraint)
}

export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error)
  return !!e && e.code === '23514' && (!constraint || e.constraint === constraint)
}
