import type { FormState } from '@/lib/validation/form-state'

export interface SsoFormValues {
  issuerUrl: string
  clientId: string
  displayName: string
  createUsers: boolean
  requireSso: boolean
  breakGlass: string[]
}
export type SsoFormState = FormState<SsoFormValues>
