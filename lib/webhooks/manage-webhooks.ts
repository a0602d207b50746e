import 'server-only'
import crypto from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Tx } from '@/db/client'
import { extensionEligibility, webhookDeliveries, webhooks } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { eligibilityOf } from '@/lib/extensions/call-eligibility'
import { OutboundRefused } from '@/lib/http/outbound'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { forbidden, invalid, notFound, refuse, type Result } from '@/lib/validation/result'
import { checkWebhookUrl, openSecret, sealSecret } from './webhook-secrets'
import { newWebhookSecret } from './webhook-signing'
import { webhookInputSchema, type WebhookField } from './webhook-input'

/**
 * Settings › Webhooks (`settings.manage`): where the workspace's events go.
 * The signing secret is shown at creation and on Reveal (audited); Rotate
 * makes a new one and keeps signing with the old one too for 24 hours.
 */

const GONE = 'This webhook no longer exists.'
const PREVIOUS_SECRET_HOURS = 24
const isId = (v: unknown): v is string => z.uuid().safeParse(v).success

type WebhookResult = Result<{ id: string; message: string; secret?: string }, WebhookField>

function parse(raw: unknown) {
  const parsed = webhookInputSchema.safeParse(raw)
  const errors: Partial<Record<WebhookField, string>> = parsed.success ? {} : fieldErrorsOf<WebhookField>(parsed.error)
  // The address is checked even when another field is wrong: every problem is said at once.
  const url = (raw as { url?: unknown } | null)?.url
  if (!errors.url && typeof url === 'string') {
    try {
      checkWebhookUrl(url.trim())
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error
      errors.url = error.message
    }
  }
  return parsed.success && !Object.keys(errors).length ? { input: parsed.data, errors } : { input: null, errors }
}

/**
 * What eligibility.changed compares with: the workspace's every extension's
 * answer now, written when a webhook starts wanting it (so its first event is
 * a real change, not "unknown → known").
 */
async function seedEligibility(tx: Tx, tenantId: string) {
  const answers = await eligibilityOf(tx, tenantId, null)
  for (let i = 0; i < answers.length; i += 1000) {
    await tx
      .insert(extensionEligibility)
      .values(answers.slice(i, i + 1000).map((a) => ({ tenantId, extensionId: a.extensionId, allowed: a.allowed, reason: a.reason })))
      .onConflictDoUpdate({
        target: [extensionEligibility.tenantId, extensionEligibility.extensionId],
        set: { allowed: sql`excluded.allowed`, reason: sql`excluded.reason`, checkedAt: sql`now()` },
      })
  }
}

/** `New webhook`: the secret comes back once, here. */
export async function createWebhook(db: Db, actor: Actor, raw: unknown): Promise<WebhookResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const { input, errors } = parse(raw)
  if (!input) return invalid(errors)
  const secret = newWebhookSecret()
  const id = crypto.randomUUID()
  return db.transaction(async (tx) => {
    await tx.insert(webhooks).values({
      tenantId: actor.tenantId,
      id,
      url: input.url,
      events: input.events,
      enabled: input.enabled,
      ...sealSecret(appKeyring(), actor.tenantId, id, secret),
    })
    if (input.enabled && input.events.includes('eligibility.changed')) await seedEligibility(tx, actor.tenantId)
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'webhook.create', entityType: 'webhook', entityId: id, after: input })
    return { ok: true as const, id, secret, message: 'Webhook created. Copy its signing secret now: it is shown again only on Reveal.' }
  })
}

/**
 * `Save` on a webhook: URL, events, enabled (and, from the API, the `version`
 * it was read at: an older one changes nothing). Enabling it again clears why
 * it was switched off and its failing streak.
 */
export async function updateWebhook(db: Db, actor: Actor, raw: unknown): Promise<WebhookResult> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined
  if (!isId(id)) return notFound(GONE)
  const { input, errors } = parse(raw)
  if (!input) return invalid(errors)
  return db.transaction(async (tx): Promise<WebhookResult> => {
    const [before] = await tx
      .select({ url: webhooks.url, events: webhooks.events, enabled: webhooks.enabled, version: webhooks.version })
      .from(webhooks)
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
      .for('update')
    if (!before) return notFound(GONE)
    const version = (raw as { version?: unknown }).version
    if (Number.isInteger(version) && version !== before.version) return refuse('stale', 'This webhook changed since you read it.')
    await tx
      .update(webhooks)
      .set({
        url: input.url,
        events: input.events,
        enabled: input.enabled,
        ...(input.enabled && !before.enabled ? { disabledReason: null, failingSince: null } : {}),
        version: sql`${webhooks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
    const wantsEligibility = input.enabled && input.events.includes('eligibility.changed')
    const wanted = before.enabled && before.events.includes('eligibility.changed')
    if (wantsEligibility && !wanted) await seedEligibility(tx, actor.tenantId)
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'webhook.update',
      entityType: 'webhook',
      entityId: id,
      before: { url: before.url, events: before.events, enabled: before.enabled },
      after: input,
    })
    return { ok: true, id, message: input.enabled ? 'Webhook saved.' : 'Webhook saved and switched off: no events are sent to it.' }
  })
}

export async function deleteWebhook(db: Db, actor: Actor, input: { id: unknown }): Promise<Result<{ message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  if (!isId(input.id)) return notFound(GONE)
  const id = input.id
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    const [gone] = await tx
      .delete(webhooks)
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
      .returning({ url: webhooks.url })
    if (!gone) return notFound(GONE)
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'webhook.delete', entityType: 'webhook', entityId: id, before: gone })
    return { ok: true, message: 'Webhook deleted: nothing more is sent to it.' }
  })
}

/** `Reveal`: the current signing secret, audited (whoever sees it can forge events to the receiver). */
export async function revealWebhookSecret(db: Db, actor: Actor, input: { id: unknown }): Promise<Result<{ secret: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  if (!isId(input.id)) return notFound(GONE)
  const id = input.id
  return db.transaction(async (tx): Promise<Result<{ secret: string }>> => {
    const [row] = await tx
      .select({ ciphertext: webhooks.secretCiphertext, keyId: webhooks.secretKeyId })
      .from(webhooks)
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
    if (!row) return notFound(GONE)
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'webhook.secret_reveal', entityType: 'webhook', entityId: id })
    return { ok: true, secret: openSecret(appKeyring(), actor.tenantId, id, row) }
  })
}

/** `Rotate`: a new secret (shown once); the old one keeps signing beside it for 24 hours, so the receiver can switch in its own time. */
export async function rotateWebhookSecret(
  db: Db,
  actor: Actor,
  input: { id: unknown },
): Promise<Result<{ secret: string; message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  if (!isId(input.id)) return notFound(GONE)
  const id = input.id
  const secret = newWebhookSecret()
  return db.transaction(async (tx): Promise<Result<{ secret: string; message: string }>> => {
    const [row] = await tx
      .select({ ciphertext: webhooks.secretCiphertext, keyId: webhooks.secretKeyId })
      .from(webhooks)
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
      .for('update')
    if (!row) return notFound(GONE)
    const previous = sealSecret(appKeyring(), actor.tenantId, id, openSecret(appKeyring(), actor.tenantId, id, row), 'previous')
    await tx
      .update(webhooks)
      .set({
        ...sealSecret(appKeyring(), actor.tenantId, id, secret),
        previousSecretCiphertext: previous.secretCiphertext,
        previousSecretKeyId: previous.secretKeyId,
        previousSecretUntil: sql`now() + make_interval(hours => ${PREVIOUS_SECRET_HOURS})`,
        version: sql`${webhooks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'webhook.secret_rotate', entityType: 'webhook', entityId: id })
    return { ok: true, secret, message: 'New signing secret made: events are signed with both for 24 hours, then with the new one only.' }
  })
}

/** `Send test event`: a `webhook.test` event to this webhook only, delivered like any other (see its deliveries). */
export async function sendTestEvent(db: Db, actor: Actor, input: { id: unknown }): Promise<Result<{ message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  if (!isId(input.id)) return notFound(GONE)
  const id = input.id
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    const [row] = await tx
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(and(eq(webhooks.tenantId, actor.tenantId), eq(webhooks.id, id)))
    if (!row) return notFound(GONE)
    await tx.insert(webhookDeliveries).values({
      tenantId: actor.tenantId,
      webhookId: id,
      eventId: crypto.randomUUID(),
      eventType: 'webhook.test',
      data: { message: 'A test event from Switchboard.', sentBy: actor.label },
    })
    await tx.execute(sql`SELECT pg_notify('switchboard_webhooks', 'deliver')`)
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'webhook.test', entityType: 'webhook', entityId: id })
    return { ok: true, message: 'Test event queued: it shows in the deliveries below in a moment.' }
  })
}

/** `Redeliver`: the same event (same id: a receiver that has it already can skip it) sent again, after what is waiting. */
export async function redeliver(db: Db, actor: Actor, input: { id: unknown; deliveryId: unknown }): Promise<Result<{ message: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  if (!isId(input.id) || !isId(input.deliveryId)) return notFound('This delivery no longer exists.')
  const { id, deliveryId } = input
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    const [original] = await tx
      .select({
        eventId: webhookDeliveries.eventId,
        eventType: webhookDeliveries.eventType,
        data: webhookDeliveries.data,
        occurredAt: webhookDeliveries.occurredAt,
      })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.tenantId, actor.tenantId), eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.id, deliveryId)))
    if (!original) return notFound('This delivery no longer exists.')
    await tx.insert(webhookDeliveries).values({ tenantId: actor.tenantId, webhookId: id, ...original })
    await tx.execute(sql`SELECT pg_notify('switchboard_webhooks', 'deliver')`)
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'webhook.redeliver',
      entityType: 'webhook',
      entityId: id,
      after: { eventId: original.eventId, eventType: original.eventType },
    })
    return { ok: true, message: `${original.eventType} queued again.` }
  })
}
