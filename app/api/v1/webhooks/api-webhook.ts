import type { WebhookView } from '@/lib/webhooks/list-webhooks'

/** A webhook as the API shows it (lib/api/schemas.ts webhookSchema): never a secret. */
export const apiWebhook = (w: WebhookView) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  enabled: w.enabled,
  disabledReason: w.disabledReason,
  failingSince: w.failingSince?.toISOString() ?? null,
  pending: w.pending,
  createdAt: w.createdAt.toISOString(),
  version: w.version,
})
