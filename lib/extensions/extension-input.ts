import { EXTENSION_TYPE_CHOICES } from '@/db/enums'
import { z } from 'zod'
import { checkboxSchema } from '@/lib/validation/form-values'
import { singleLineText } from '@/lib/validation/text'

export const extensionNumberSchema = singleLineText()
  .trim()
  .regex(/^[0-9]{2,10}$/, 'Use 2 to 10 digits.')
export const extensionTypeSchema = z.enum(EXTENSION_TYPE_CHOICES, 'Choose WebRTC or SIP.')

/** An extension's editable fields (its SIP password is generated, or changed on its own). */
export const extensionInputSchema = z.object({
  number: extensionNumberSchema,
  type: extensionTypeSchema.default('WebRTC'),
  voicemailEnabled: checkboxSchema,
  /** Empty keeps the current PIN. */
  voicemailPin: z.union([z.literal(''), z.string().regex(/^[0-9]{4,10}$/, 'Use 4 to 10 digits.')]).default(''),
  voicemailEmail: z.union([z.literal(''), singleLineText().trim().max(254).pipe(z.email('Enter a valid email address.'))]).default(''),
})
export type ExtensionInput = z.output<typeof extensionInputSchema>
export type ExtensionField = keyof ExtensionInput | 'sipPassword'

export const SIP_PASSWORD_MIN = 16
export const sipPasswordSchema = z
  .string()
  .min(SIP_PASSWORD_MIN, `Use at least ${SIP_PASSWORD_MIN} characters.`)
  .max(128, 'Use at most 128 characters.')
  .regex(/^[\x21-\x7e]+$/, 'Use printable ASCII characters without spaces (softphones and desk phones expect them).')

/** A range of numbers to create at once, e.g. 2000–2099 (at most 1,000). */
export const extensionRangeSchema = z
  .object({ from: extensionNumberSchema, to: extensionNumberSchema, type: extensionTypeSchema.default('WebRTC') })
  .superRefine((r, ctx) => {
    if (r.from.length !== r.to.length)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Use numbers of the same length for both ends.' })
    else if (BigInt(r.to) < BigInt(r.from))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last number must not be below the first.' })
    else if (BigInt(r.to) - BigInt(r.from) >= 1000n)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Create at most 1,000 extensions at a time.' })
  })

/** The numbers of a valid range, zero-padded like its ends. */
export function rangeNumbers(from: string, to: string): string[] {
  const out: string[] = []
  for (let n = BigInt(from); n <= BigInt(to); n++) out.push(n.toString().padStart(from.length, '0'))
  return out
}
