export interface TurnOnState {
  submission: number
  error: string | null
  /** Set once two-factor is on: the codes to show, this once. */
  recoveryCodes: string[] | null
}
