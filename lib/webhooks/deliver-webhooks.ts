import 'server-only'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { webhookDeliveries, webhooks } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { outboundFetch, type OutboundFetch } from '@/lib/http/outbound'
import { openSecret, webhookAllowList } from './webhook-secrets'
import { signatureHeader } from './webhook-signing'

/**
 * Sends the outbox (webhook_deliveries). Each webhook is taken by one instance
 * at a time (a lease on its row, claimed with FOR UPDATE SKIP LOCKED), which
 * sends its pending deliveries in `seq` order and stops at the first that
 * fails: a webhook's events arrive in order, and each once while every
 * instance lives (an instance that dies mid-send leaves the lease to expire
 * and the event to be sent again: at-least-once, with the event id for
 * receivers to de-duplicate). A failure is retried with exponential backoff and
 * jitter (15 s doubling to an hour) for 24 hours, then marked failed; a webhook
 * whose deliveries have all failed for 24 hours is switched off, saying why.
 */

const LEASE_SECONDS = 60
const GIVE_UP_HOURS = 24
/** The most of a receiver's answer read (for nothing but closing it cleanly): bodies are never kept. */
const RESPONSE_LIMIT = 4096

export interface DeliveryOptions {
  /** The HTTP client: the outbound guard (no private addresses unless allow-listed, no redirects, 10 s timeouts). */
  fetch?: OutboundFetch
  /** Seconds to wait before attempt `n + 1` after `n` failures (tests make it 0). */
  backoff?: (failures: number) => number
  /** Webhooks taken per claim. */
  webhooks?: number
  /** One workspace's webhooks only (the tests, which share a database); the instances' sender takes every workspace's. */
  tenantId?: string
}

/** 15 s, 30 s, 1 min … capped at an hour, each ±20 %. */
export const defaultBackoff = (failures: number) => Math.min(3600, 15 * 2 ** Math.max(0, failures - 1)) * (0.8 + Math.random() * 0.4)

interface Claimed {
  tenantId: string
  id: string
  url: string
  secretCiphertext: string
  secretKeyId: string
  previousSecretCiphertext: string | null
  previousSecretKeyId: string | null
  previousSecretLive: boolean
}

/** Webhooks with a delivery due at their head, not being delivered by another instance: leased to this one. */
async function claimWebhooks(db: Db, limit: number, tenantId: string | undefined): Promise<Claimed[]> {
  const rows = await db.execute(sql`
    UPDATE ${webhooks} w SET delivering_until = now() + make_interval(secs => ${LEASE_SECONDS})
     WHERE (w.tenant_id, w.id) IN (
       SELECT c.tenant_id, c.id FROM ${webhooks} c
        WHERE c.enabled AND (c.delivering_until IS NULL OR c.delivering_until < now())
          ${tenantId ? sql`AND c.tenant_id = ${tenantId}::uuid` : sql``}
          AND (SELECT d.next_attempt_at FROM ${webhookDeliveries} d
                WHERE d.tenant_id = c.tenant_id AND d.webhook_id = c.id AND d.status = 'pending'
                ORDER BY d.seq LIMIT 1) <= now()
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING w.tenant_id, w.id, w.url, w.secret_ciphertext, w.secret_key_id, w.previous_secret_ciphertext, w.previous_secret_key_id,
              (w.previous_secret_until > now()) AS previous_secret_live`)
  return (rows as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    tenantId: r.tenant_id as string,
    id: r.id as string,
    url: r.url as string,
    secretCiphertext: r.secret_ciphertext as string,
    secretKeyId: r.secret_key_id as string,
    previousSecretCiphertext: (r.previous_secret_ciphertext as string | null) ?? null,
    previousSecretKeyId: (r.previous_secret_key_id as string | null) ?? null,
    previousSecretLive: r.previous_secret_live === true,
  }))
}

function secretsOf(w: Claimed): string[] {
  const ring = appKeyring()
  const current = openSecret(ring, w.tenantId, w.id, { ciphertext: w.secretCiphertext, keyId: w.secretKeyId })
  if (!w.previousSecretLive || !w.previousSecretCiphertext || !w.previousSecretKeyId) return [current]
  return [current, openSecret(ring, w.tenantId, w.id, { ciphertext: w.previousSecretCiphertext, keyId: w.previousSecretKeyId }, 'previous')]
}

interface Attempt {
  ok: boolean
  status: number | null
  durationMs: number
  error: string | null
}

/** One POST: the body signed, redirects not followed (a 3xx is a failure), the answer read only a little. */
async function post(
  fetch: OutboundFetch,
  url: string,
  secrets: string[],
  d: { eventId: string; eventType: string; data: unknown; occurredAt: Date },
  tenantId: string,
): Promise<Attempt> {
  const body = JSON.stringify({
    id: d.eventId,
    type: d.eventType,
    createdAt: d.occurredAt.toISOString(),
    workspace: tenantId,
    data: d.data,
  })
  const started = performance.now()
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhooks/1',
        'switchboard-event-id': d.eventId,
        'switchboard-event-type': d.eventType,
        'switchboard-signature': signatureHeader(secrets, Math.floor(Date.now() / 1000), body),
      },
      body,
    })
    await drain(response)
    const ok = response.status >= 200 && response.status < 300
    return {
      ok,
      status: response.status,
      durationMs: Math.round(performance.now() - started),
      error: ok
        ? null
        : response.status >= 300 && response.status < 400
          ? `Redirect (${response.status}): not followed`
          : `HTTP ${response.status}`,
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const message = `${(error as Error).message}${cause?.code ? ` (${cause.code})` : cause?.message ? `: ${cause.message}` : ''}`
    return { ok: false, status: null, durationMs: Math.round(performance.now() - started), error: message.slice(0, 300) }
  }
}

async function drain(response: Response) {
  const reader = response.body?.getReader()
  if (!reader) return
  let read = 0
  while (read < RESPONSE_LIMIT) {
    const chunk = await reader.read()
    if (chunk.done) return
    read += chunk.value.byteLength
  }
  await reader.cancel()
}

/** Sends one leased webhook's due deliveries in order; stops at a failure (the head waits for its retry). */
async function deliverFor(db: Db, w: Claimed, fetch: OutboundFetch, backoff: (n: number) => number) {
  const secrets = secretsOf(w)
  let delivered = 0
  let failed = 0
  // A receiver may take the outbound timeout (10 s) to answer each delivery: past half the lease, renew it before
  // the next, or another pass (this instance's or another's) could claim the webhook and send out of order.
  let leased = Date.now()
  const holdLease = async () => {
    if (Date.now() - leased < (LEASE_SECONDS * 1000) / 2) return
    await db
      .update(webhooks)
      .set({ deliveringUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(and(eq(webhooks.tenantId, w.tenantId), eq(webhooks.id, w.id)))
    leased = Date.now()
  }
  for (;;) {
    const due = await db
      .select({
        id: webhookDeliveries.id,
        eventId: webhookDeliveries.eventId,
        eventType: webhookDeliveries.eventType,
        data: webhookDeliveries.data,
        occurredAt: webhookDeliveries.occurredAt,
        attempts: webhookDeliveries.attempts,
        giveUp: sql<boolean>`${webhookDeliveries.queuedAt} < now() - make_interval(hours => ${GIVE_UP_HOURS})`,
        isDue: sql<boolean>`${webhookDeliveries.nextAttemptAt} <= now()`,
      })
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.tenantId, w.tenantId), eq(webhookDeliveries.webhookId, w.id), eq(webhookDeliveries.status, 'pending')),
      )
      .orderBy(asc(webhookDeliveries.seq))
      .limit(50)
    if (!due.length) break
    let stop = false
    for (const d of due) {
      if (!d.isDue) {
        stop = true
        break
      }
      const attempt = await post(fetch, w.url, secrets, d, w.tenantId)
      const where = and(eq(webhookDeliveries.tenantId, w.tenantId), eq(webhookDeliveries.id, d.id))
      const recorded = {
        attempts: d.attempts + 1,
        lastAttemptAt: sql`now()`,
        lastStatus: attempt.status,
        lastDurationMs: attempt.durationMs,
        lastError: attempt.error,
      }
      if (attempt.ok) {
        await db
          .update(webhookDeliveries)
          .set({ ...recorded, status: 'delivered', deliveredAt: sql`now()` })
          .where(where)
        delivered++
        await holdLease()
        continue
      }
      failed++
      await db
        .update(webhookDeliveries)
        .set({
          ...recorded,
          ...(d.giveUp ? { status: 'failed' } : { nextAttemptAt: sql`now() + make_interval(secs => ${backoff(d.attempts + 1)})` }),
        })
        .where(where)
      await noteFailure(db, w, attempt)
      // A delivery given up on lets the next one go; a retry to come holds the line (order per webhook).
      if (!d.giveUp) {
        stop = true
        break
      }
      await holdLease()
    }
    if (stop) break
  }
  await db
    .update(webhooks)
    .set({ deliveringUntil: null, ...(delivered && !failed ? { failingSince: null } : {}) })
    .where(and(eq(webhooks.tenantId, w.tenantId), eq(webhooks.id, w.id)))
  return { delivered, failed }
}

/** A failure starts (or continues) the webhook's failing streak; 24 hours of it switch the webhook off, saying why. */
async function noteFailure(db: Db, w: Claimed, attempt: Attempt) {
  const [row] = await db
    .update(webhooks)
    .set({ failingSince: sql`coalesce(${webhooks.failingSince}, now())` })
    .where(and(eq(webhooks.tenantId, w.tenantId), eq(webhooks.id, w.id)))
    .returning({ longFailing: sql<boolean>`${webhooks.failingSince} < now() - make_interval(hours => ${GIVE_UP_HOURS})` })
  if (!row?.longFailing) return
  await db.transaction(async (tx) => {
    const reason = `Switched off: every delivery failed for 24 hours (last: ${attempt.error ?? 'no answer'}).`
    const [off] = await tx
      .update(webhooks)
      .set({ enabled: false, disabledReason: reason, updatedAt: sql`now()` })
      .where(and(eq(webhooks.tenantId, w.tenantId), eq(webhooks.id, w.id), eq(webhooks.enabled, true)))
      .returning({ id: webhooks.id })
    if (off) {
      await recordAudit(tx, {
        tenantId: w.tenantId,
        actor: { userId: null, label: 'Switchboard' },
        action: 'webhook.disable',
        entityType: 'webhook',
        entityId: w.id,
        after: { reason },
      })
    }
  })
}

async function releaseLeases(db: Db, claimed: Claimed[]) {
  for (const w of claimed) {
    await db
      .update(webhooks)
      .set({ deliveringUntil: null })
      .where(and(eq(webhooks.tenantId, w.tenantId), eq(webhooks.id, w.id)))
  }
}

/**
 * Delivers what is due, webhook by webhook, until nothing is: any instance may
 * call it at any time (a NOTIFY, its poll), as often as it likes.
 */
export async function deliverWebhooks(db: Db, options: DeliveryOptions = {}): Promise<{ delivered: number; failed: number }> {
  const fetch = options.fetch ?? outboundFetch(webhookAllowList())
  const backoff = options.backoff ?? defaultBackoff
  let delivered = 0
  let failed = 0
  const seen = new Set<string>()
  for (;;) {
    const claimed = await claimWebhooks(db, options.webhooks ?? 5, options.tenantId)
    // Done when nothing is due, or only webhooks this call has already had (failing ones whose retry is due again
    // at once: with no backoff, the tests'): the others, however many fail, never wait behind them.
    if (!claimed.length || claimed.every((w) => seen.has(w.id))) {
      await releaseLeases(db, claimed)
      return { delivered, failed }
    }
    for (const w of claimed) seen.add(w.id)
    const results = await Promise.all(claimed.map((w) => deliverFor(db, w, fetch, backoff)))
    for (const r of results) {
      delivered += r.delivered
      failed += r.failed
    }
  }
}
