import { z } from 'zod'

/**
 * Generous bounds: anything outside them cannot be a real account, and is
 * answered exactly like a wrong password (never a 500, never a hint).
 */
// PostgreSQL text cannot hold NUL: such input never reaches a query.
const noNul = (s: string) => !s.includes('\u0000')

export const signInSchema = z.object({
  workspace: z.string().trim().toLowerCase().min(1).max(63).refine(noNul),
  identifier: z.string().trim().min(1).max(254).refine(noNul),
  password: z.string().min(1).max(1024).refine(noNul),
})

export const SIGN_IN_FAILED_MESSAGE =
  'We could not sign you in with those details. Check the workspace, your username or email, and your password.'
export const SIGN_IN_THROTTLED_MESSAGE =
  'Too many failed attempts. Wait 15 minutes and try again, or ask your workspace admin to check your account.'
