/**
 * The one result shape of every lib mutation, for every area. A refusal says
 * why (`reason`, which the API maps to a status in one place: lib/api/api-results.ts),
 * what is wrong with which field, and a sentence for the form; a stale save
 * also carries the current values.
 *
 * - `invalid`: the input breaks a rule (field messages) → 422
 * - `not_found`: nothing of that id in the caller's workspace, or out of their reach → 404
 * - `stale`: based on an older version → 409
 * - `forbidden`: the caller lacks the permission → 403
 * - `conflict`: a rule about the current state (the last admin, a name taken since) → 409
 */
export type FailureReason = 'invalid' | 'not_found' | 'stale' | 'forbidden' | 'conflict'

export type FieldErrors<F extends string = string> = Partial<Record<F, string>>

export interface Refusal<F extends string = string, C = never> {
  ok: false
  reason: FailureReason
  fieldErrors: FieldErrors<F>
  formError?: string
  current?: C
}

/** `{ ok: true, …data }` or a refusal. */
export type Result<T extends object = object, F extends string = string, C = never> = ({ ok: true } & T) | Refusal<F, C>

export const NO_PERMISSION = 'You don’t have permission to do that.'

export function refuse<F extends string = string>(
  reason: FailureReason,
  formError?: string,
  fieldErrors: FieldErrors<F> = {},
): Refusal<F, never> {
  return formError === undefined ? { ok: false, reason, fieldErrors } : { ok: false, reason, fieldErrors, formError }
}

/** Field messages (and, optionally, a sentence for the form). */
export const invalid = <F extends string>(fieldErrors: FieldErrors<F>, formError?: string) => refuse<F>('invalid', formError, fieldErrors)
export const notFound = (formError: string) => refuse('not_found', formError)
export const forbidden = (formError = NO_PERMISSION) => refuse('forbidden', formError)
export const conflict = (formError: string) => refuse('conflict', formError)

/** The sentence to show for an answer: a success's message, else the refusal's form error (or its first field message). */
export function messageOf(result: Result<{ message?: string }> | Result<object>): string {
  if (result.ok) return 'message' in result && typeof result.message === 'string' ? result.message : ''
  return result.formError ?? Object.values(result.fieldErrors).find((m): m is string => !!m) ?? ''
}
