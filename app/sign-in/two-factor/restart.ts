import 'server-only'
import { redirect } from 'next/navigation'
import { setFlash } from '@/app/_flash/flash'
import { clearPendingSignInCookie } from '@/lib/auth/session'
import type { SecondStepRefusal } from '@/lib/auth/second-step'

export const SECOND_STEP_MESSAGES: Record<Exclude<SecondStepRefusal['reason'], 'expired'>, string> = {
  invalid: 'That code is not right, or was already used. Enter the current code from your app, or an unused recovery code.',
  throttled: 'Too many wrong codes. Wait 15 minutes and sign in again.',
}

/** The end of a sign-in step that went nowhere: back to the password, which says why. */
export async function restartSignIn(): Promise<never> {
  await clearPendingSignInCookie()
  await setFlash('sign-in-step-expired')
  redirect('/sign-in')
}
