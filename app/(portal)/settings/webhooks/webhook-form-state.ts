import type { FormState } from '@/lib/validation/form-state'

export interface WebhookFormValues {
  url: string
  events: string[]
  enabled: boolean
}
export type WebhookFormState = FormState<WebhookFormValues> & { created?: { id: string; secret: string } }
