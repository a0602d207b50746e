export interface ForgotState {
  submission: number
  values: { workspace: string; email: string }
  fieldErrors: Partial<Record<'workspace' | 'email', string>>
  /** The one answer after a request ("If an account exists…"). */
  sent: string | null
}

export const initialForgotState: ForgotState = { submission: 0, values: { workspace: '', email: '' }, fieldErrors: {}, sent: null }
