import type { FieldErrors } from './result'

/**
 * The one state of every form that re-renders with what was typed: the
 * values, the version it was made from, and the last answer's messages.
 * `submission` changes with every answer, so the form re-mounts with them.
 */
export interface FormState<V> {
  submission: number
  values: V
  version?: number
  fieldErrors: FieldErrors
  formError?: string
  /** Set after a save that kept the page (e.g. Change password). */
  ok?: boolean
}

export const initialFormState = <V>(values: V, version?: number): FormState<V> => ({ submission: 0, values, version, fieldErrors: {} })
