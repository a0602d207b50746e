export interface SignInState {
  /** Shown in the form's alert; the same text for every kind of wrong details. */
  message: string | null
  /** What was typed, so it stays in the form (never the password). */
  values: { workspace: string; identifier: string }
}

export const initialSignInState: SignInState = { message: null, values: { workspace: '', identifier: '' } }
