import 'server-only'
import { dictionary } from '@zxcvbn-ts/language-common'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

let common: Set<string> | undefined
/** zxcvbn-ts's list of ~49,000 passwords seen in breaches, lower-cased, built on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))
  return common
}

/** How many passwords the common list holds (tests check it is a real list). */
export const commonPasswordCount = () => commonPasswords().size

/**
 * Why a new password is refused, or null when it is acceptable. The person's
 * username and the local part of their email are not allowed inside it, and
 * neither is anything on the common-password list (case-insensitive).
 */
export function passwordProblem(password: string, person: { username?: string; email?: string }): string | null {
  const length = [...password].length
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`
  const lower = password.toLowerCase()
  const username = person.username?.trim().toLowerCase()
  if (username && username.length >= 3 && lower.includes(username)) return 'Don’t use the username in the password.'
  const local = person.email?.trim().toLowerCase().split('@')[0]
  if (local && local.length >= 3 && lower.includes(local)) return 'Don’t use the email address in the password.'
  if (commonPasswords().has(lower)) return 'This password is too common: it is on a list of passwords seen in breaches. Choose another.'
  return null
}
