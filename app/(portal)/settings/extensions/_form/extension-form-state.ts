export interface ExtensionFormValues {
  number: string
  type: string
  voicemailEnabled: boolean
  voicemailEmail: string
}

export interface ExtensionFormState {
  submission: number
  values: ExtensionFormValues
  version?: number
  fieldErrors: Partial<Record<keyof ExtensionFormValues | 'voicemailPin' | 'sipPassword', string>>
  formError?: string
}
