import { z } from 'zod'

/** A checkbox as forms send it (`on`, or absent) or as JSON sends it (a boolean). */
export const isChecked = (v: unknown) => v === true || v === 'on' || v === 'true'

export const checkboxSchema = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', ''])])
  .optional()
  .transform(isChecked)
