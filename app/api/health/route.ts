import { sql } from 'drizzle-orm'
import { getDb } from '@/db/client'
import { loggableError } from '@/lib/logging/loggable-error'
import { isDraining } from '@/lib/http/draining'

/**
 * GET /api/health, for load balancers: 200 while this instance can serve (its
 * database answers), 503 when it can't or is shutting down (SIGTERM: the
 * balancer stops sending it new requests while it finishes the ones it has).
 * No data, no authentication.
 */
export async function GET(): Promise<Response> {
  const headers = { 'cache-control': 'no-store' }
  if (isDraining()) return Response.json({ status: 'draining' }, { status: 503, headers })
  try {
    await (await getDb()).execute(sql`SELECT 1`)
    return Response.json({ status: 'ok' }, { headers })
  } catch (error) {
    console.error('Health check: the database did not answer:', loggableError(error))
    return Response.json({ status: 'database unavailable' }, { status: 503, headers })
  }
}
