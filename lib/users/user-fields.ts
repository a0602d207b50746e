import { z } from 'zod'
import { singleLineText } from '@/lib/validation/text'

/** Field rules shared by every way a user is created or changed (form, CLI, API). */
export const usernameSchema = singleLineText()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'Use 3 to 32 characters: lower-case letters, digits, dot, underscore or hyphen.')

export const emailSchema = singleLineText().trim().max(254, 'Use at most 254 characters.').pipe(z.email('Enter a valid email address.'))

export const fullNameSchema = singleLineText().trim().min(1, 'Enter a full name.').max(200, 'Use at most 200 characters.')
