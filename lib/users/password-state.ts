/** How a user signs in, for their page: a password or an invitation (and whether it is still open), two-factor. */
export type PasswordState = 'set' | 'invited' | 'invitation-expired' | 'none'

export const PASSWORD_STATE_LABELS: Record<PasswordState, string> = {
  set: 'Set',
  invited: 'Invited',
  'invitation-expired': 'Invitation expired',
  none: 'No password yet',
}
