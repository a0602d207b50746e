import { z } from 'zod'

/** Length bounds from NIST SP 800-63B; the full policy (common passwords, username) lives with the user form. */
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
