/** The one-time messages a sign-in page can open with (app/_flash). */
export const SIGN_IN_FLASH = {
  'password-reset': 'Your password was changed and every session of yours was signed out. Sign in with your new password.',
  'sign-in-step-expired': 'That sign-in took too long or was already finished. Sign in again.',
  'password-set-sso': 'Your password is set. This workspace signs in with single sign-on: use its button to sign in.',
} as const
