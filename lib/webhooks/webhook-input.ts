import { z } from 'zod'
import { checkboxSchema } from '@/lib/validation/form-values'
import { singleLineText } from '@/lib/validation/text'

/** The events a webhook can ask for (the database writes the user and extension ones: migration 0022). */
export const WEBHOOK_EVENTS = [
  'user.created',
  'user.updated',
  'user.deleted',
  'user.restored',
  'user.activated',
  'user.deactivated',
  'extension.created',
  'extension.updated',
  'extension.deleted',
  'eligibility.changed',
  'import.completed',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** What each event says, for the form and the API reference. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'user.created': 'A user was created',
  'user.updated': 'A user changed (only the changed fields)',
  'user.deleted': 'A user was deleted',
  'user.restored': 'A deleted user was restored',
  'user.activated': 'A user was activated',
  'user.deactivated': 'A user was deactivated',
  'extension.created': 'An extension was created',
  'extension.updated': 'An extension changed (only the changed fields)',
  'extension.deleted': 'An extension was deleted',
  'eligibility.changed': 'An extension may now take calls, or may not any more',
  'import.completed': 'An import finished',
}

/** The form's and the API's fields of a webhook. The URL's reachability is checked apart (lib/http/outbound.ts). */
export const webhookInputSchema = z.object({
  url: singleLineText().trim().min(1, 'Enter the URL to send events to.').max(2000, 'Use at most 2,000 characters.'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, 'Choose events from the list.'))
    .min(1, 'Choose at least one event.')
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)].sort()),
  enabled: checkboxSchema.default(true),
})
export type WebhookInput = z.output<typeof webhookInputSchema>
export type WebhookField = keyof WebhookInput
