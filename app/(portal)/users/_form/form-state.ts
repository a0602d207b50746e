import type { UserFormValues } from '@/lib/users/load-user-for-edit'

/** The user form's values as the browser holds them (never a password). */
export interface UserFormFields {
  fullName: string
  email: string
  username: string
  notes: string
  jobTitle: string
  department: string
  mobile: string
  hideFromDirectory: boolean
  extensionId: string
  extensionType: string
  forceLogin: boolean
  role: string
  profileId: string
  groupIds: string[]
  status: string
}

export interface UserFormState {
  /** Changes with every answer, so the form re-mounts with the values it carries. */
  submission: number
  values: UserFormFields
  version?: number
  fieldErrors: Partial<Record<keyof UserFormFields | 'password', string>>
  formError?: string
  /** `Send an invitation email` was ticked (kept after a refused save). */
  invite?: boolean
}

export const EMPTY_USER_FIELDS: UserFormFields = {
  fullName: '',
  email: '',
  username: '',
  notes: '',
  jobTitle: '',
  department: '',
  mobile: '',
  hideFromDirectory: false,
  extensionId: '',
  extensionType: 'WebRTC',
  forceLogin: false,
  role: 'Agent',
  profileId: '',
  groupIds: [],
  status: 'active',
}

export function fieldsOf(values: UserFormValues): UserFormFields {
  return { ...values, extensionId: values.extensionId ?? '', profileId: values.profileId ?? '' }
}

/** What was typed, back into the form after a refused save (passwords are left out on purpose). */
export function fieldsFromForm(form: FormData): UserFormFields {
  const text = (name: keyof UserFormFields) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  return {
    fullName: text('fullName'),
    email: text('email'),
    username: text('username'),
    notes: text('notes'),
    jobTitle: text('jobTitle'),
    department: text('department'),
    mobile: text('mobile'),
    hideFromDirectory: form.get('hideFromDirectory') === 'on',
    extensionId: text('extensionId'),
    extensionType: text('extensionType') || 'WebRTC',
    forceLogin: form.get('forceLogin') === 'on',
    role: text('role'),
    profileId: text('profileId'),
    groupIds: form.getAll('groupIds').filter((v): v is string => typeof v === 'string'),
    status: text('status') || 'active',
  }
}
