export interface StepState {
  submission: number
  /** The form's alert. */
  message: string | null
}

export const initialStepState: StepState = { submission: 0, message: null }
