import { EXTENSION_TYPE_CHOICES } from '@/db/enums'
import { z } from 'zod'
import { checkboxSchema, isChecked } from '@/lib/validation/form-values'
import { multiLineText, singleLineText } from '@/lib/validation/text'
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max'
import { ROLE_VALUES, STATUS_VALUES } from './list-params'
import { emailSchema, fullNameSchema, usernameSchema } from './user-fields'

/**
 * What an admin sends to create or change a user, from the form or (later)
 * the API. Passwords are checked separately (password-policy.ts): their rule
 * needs the username and email, and they are never sent back to the form.
 */

const optionalId = z
  .union([z.literal(''), z.uuid('Choose one of the listed options.')])
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .default(null)

const shortText = (label: string) => singleLineText().trim().max(200, `${label}: use at most 200 characters.`).default('')

/** E.164 (`+` and 8–15 digits) of a number that exists in its country's plan; spaces and dashes are accepted and removed. */
export const mobileSchema = singleLineText()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (value === '') return ''
    const compact = value.replace(/[\s().-]/g, '')
    if (!/^\+[1-9]\d{7,14}$/.test(compact) || !isValidPhoneNumber(compact)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a mobile number in international format, e.g. +44 7911 123456.' })
      return z.NEVER
    }
    return parsePhoneNumberWithError(compact).number
  })

export const userInputSchema = z.object({
  fullName: fullNameSchema,
  email: emailSchema,
  username: usernameSchema,
  notes: multiLineText().max(5000, 'Use at most 5,000 characters.').default(''),
  jobTitle: shortText('Job title'),
  department: shortText('Department'),
  mobile: mobileSchema,
  hideFromDirectory: checkboxSchema,
  extensionId: optionalId,
  extensionType: z.enum(EXTENSION_TYPE_CHOICES, 'Choose WebRTC or SIP.').default('WebRTC'),
  forceLogin: checkboxSchema,
  role: z.enum(ROLE_VALUES, 'Choose a role.'),
  profileId: optionalId,
  groupIds: z.array(z.uuid('Choose groups from the list.')).max(200, 'Choose at most 200 groups.').default([]),
  status: z.enum(STATUS_VALUES, 'Choose Active or Inactive.').default('active'),
})

export type UserInput = z.output<typeof userInputSchema>

/**
 * Rules across fields, checked apart from the schema so that they are
 * reported together with every field error, not only once the rest is valid.
 */
export function crossFieldErrors(raw: Record<string, unknown>): Partial<Record<keyof UserInput, string>> {
  const forceLogin = forceLoginProblem(isChecked(raw.forceLogin), raw.extensionId)
  return forceLogin ? { forceLogin } : {}
}

/** Force login makes being signed in decide whether the user's extension takes calls: without one it means nothing. */
export function forceLoginProblem(forceLogin: boolean, extensionId: unknown): string | null {
  return forceLogin && !extensionId ? 'Force login needs an extension: choose one, or turn force login off.' : null
}
export type UserField = keyof UserInput | 'password'
