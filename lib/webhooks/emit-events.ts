import 'server-only'
import { sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'

/**
 * Events the app knows of rather than the database (eligibility flips, a
 * finished import), written through the same SQL function the triggers use
 * (migration 0022's `webhook_emit`): in the caller's transaction, one event id
 * for every webhook that wants it, and a NOTIFY at commit.
 */
export async function emitEvents(db: Queryable, tenantId: string, events: readonly { type: string; data: unknown }[]): Promise<number> {
  if (!events.length) return 0
  await db.execute(
    sql`SELECT webhook_emit(${JSON.stringify(events.map((e) => ({ tenant_id: tenantId, type: e.type, data: e.data })))}::jsonb)`,
  )
  return events.length
}
