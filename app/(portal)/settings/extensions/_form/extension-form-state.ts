import type { FormState } from '@/lib/validation/form-state'

export interface ExtensionFormValues {
  number: string
  type: string
  voicemailEnabled: boolean
  voicemailEmail: string
}

export type ExtensionFormState = FormState<ExtensionFormValues>
