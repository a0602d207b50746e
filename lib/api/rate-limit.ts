import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { apiTokens, scimTokens } from '@/db/schema'

/** Requests per token per minute; `API_RATE_LIMIT_PER_MINUTE` overrides it. A PBX asks once per call, so it is generous. */
export const DEFAULT_RATE_LIMIT = 600

export function apiRateLimit(): number {
  const configured = Number(process.env.API_RATE_LIMIT_PER_MINUTE)
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_RATE_LIMIT
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfter: number }

/**
 * Counts one request against the token in the current minute (fixed window).
 * The count lives on the token's row, in the database, so every app instance
 * sharing the database shares the limit; one row update per request and
 * nothing to clean up.
 */
export async function takeRateLimit(
  db: Queryable,
  token: { tenantId: string; tokenId: string },
  limit = apiRateLimit(),
  /** Whose token: the REST API's, or a SCIM client's (the same four columns). */
  table: typeof apiTokens | typeof scimTokens = apiTokens,
): Promise<RateDecision> {
  const t = table as typeof apiTokens
  const window = sql`date_trunc('minute', now())`
  const [row] = await db
    .update(t)
    .set({
      rateCount: sql`CASE WHEN ${t.rateWindow} = ${window} THEN ${t.rateCount} + 1 ELSE 1 END`,
      rateWindow: window,
    })
    .where(and(eq(t.tenantId, token.tenantId), eq(t.id, token.tokenId)))
    .returning({
      count: t.rateCount,
      secondsLeft: sql<number>`ceil(extract(epoch FROM ${window} + interval '1 minute' - now()))::int`,
    })
  if (!row) return { ok: false, retryAfter: 60 }
  return row.count <= limit ? { ok: true, remaining: limit - row.count } : { ok: false, retryAfter: Math.max(1, row.secondsLeft) }
}
