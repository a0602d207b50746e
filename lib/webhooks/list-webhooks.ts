import 'server-only'
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { webhookDeliveries, webhooks } from '@/db/schema'

const webhookColumns = {
  id: webhooks.id,
  url: webhooks.url,
  events: webhooks.events,
  enabled: webhooks.enabled,
  disabledReason: webhooks.disabledReason,
  failingSince: webhooks.failingSince,
  previousSecretUntil: webhooks.previousSecretUntil,
  createdAt: webhooks.createdAt,
  updatedAt: webhooks.updatedAt,
  version: webhooks.version,
  pending: sql<number>`(SELECT count(*)::int FROM ${webhookDeliveries} d
    WHERE d.tenant_id = ${webhooks.tenantId} AND d.webhook_id = ${webhooks.id} AND d.status = 'pending')`,
}

export type WebhookView = Awaited<ReturnType<typeof listWebhooks>>[number]

/** The workspace's webhooks (never a secret), oldest first, with how many deliveries wait. */
export async function listWebhooks(db: Queryable, tenantId: string) {
  return db.select(webhookColumns).from(webhooks).where(eq(webhooks.tenantId, tenantId)).orderBy(asc(webhooks.createdAt), asc(webhooks.id))
}

export async function webhookOf(db: Queryable, tenantId: string, id: string): Promise<WebhookView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null
  const [row] = await db
    .select(webhookColumns)
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.id, id)))
  return row ?? null
}

/** A webhook's latest deliveries, newest first: what was sent, when, and what came back. */
export async function recentDeliveries(db: Queryable, tenantId: string, webhookId: string, limit = 50) {
  return db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      queuedAt: webhookDeliveries.queuedAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastStatus: webhookDeliveries.lastStatus,
      lastDurationMs: webhookDeliveries.lastDurationMs,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.webhookId, webhookId)))
    .orderBy(desc(webhookDeliveries.seq))
    .limit(limit)
}
