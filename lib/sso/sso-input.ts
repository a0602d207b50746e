import { z } from 'zod'
import { checkboxSchema } from '@/lib/validation/form-values'
import { singleLineText } from '@/lib/validation/text'

/** Settings › Single sign-on, as the form (and its tests) send it. The URL's reachability is checked apart (lib/http/outbound.ts). */
export const ssoSettingsSchema = z.object({
  issuerUrl: singleLineText().trim().min(1, 'Enter the issuer URL.').max(500, 'Use at most 500 characters.'),
  clientId: singleLineText().trim().min(1, 'Enter the client ID.').max(300, 'Use at most 300 characters.'),
  /** Empty keeps the one saved (it is never shown again). */
  clientSecret: singleLineText().max(1000, 'Use at most 1,000 characters.').default(''),
  displayName: singleLineText().trim().min(1, 'Enter the name people know the identity provider by.').max(60, 'Use at most 60 characters.'),
  createUsers: checkboxSchema,
  requireSso: checkboxSchema,
  /** The admins who may still sign in with a password when single sign-on is required. */
  breakGlass: z.array(z.uuid('Choose admins from the list.')).max(100).default([]),
})

export type SsoSettingsInput = z.output<typeof ssoSettingsSchema>
export type SsoSettingsField = keyof SsoSettingsInput
