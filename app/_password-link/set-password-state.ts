export interface SetPasswordState {
  submission: number
  /** The new password's problem. */
  error: string | null
  /** The link's (used, expired…). */
  formError: string | null
}
