/**
 * The value lists of the schema's enums, in one dependency-free module: the
 * schema builds its pgEnums from these, and everything else (forms, URL
 * parameters, client components) reads them from here, never a copy.
 */
export const ROLES = ['Admin', 'Supervisor', 'Agent'] as const
/** A profile's reach: the whole workspace, or only members of the groups its holder manages (issue 22). */
export const PROFILE_SCOPES = ['workspace', 'managed_groups'] as const
export const USER_STATUSES = ['active', 'inactive'] as const
export const EXTENSION_TYPES = ['SIP', 'WebRTC'] as const
export const LOGIN_EVENT_KINDS = ['sign_in', 'sign_out'] as const
export const LOGIN_OUTCOMES = [
  'success',
  'invalid_credentials',
  'inactive',
  'throttled',
  'expired',
  'revoked',
  'invalid_code',
  // A right password in a workspace that requires single sign-on, from a user who isn't break-glass.
  'sso_required',
] as const

export type Role = (typeof ROLES)[number]
export type ProfileScope = (typeof PROFILE_SCOPES)[number]
export type UserStatus = (typeof USER_STATUSES)[number]
export type ExtensionType = (typeof EXTENSION_TYPES)[number]
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number]

/** The extension types in the order forms offer them: the default (WebRTC) first. */
export const EXTENSION_TYPE_CHOICES = ['WebRTC', 'SIP'] as const satisfies readonly ExtensionType[]
