'use server'

import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { currentClient, setPendingSignInCookie, startSession } from '@/lib/auth/session'
import { setPasswordByLink } from '@/lib/auth/set-password-by-link'
import { formDataArg } from '@/lib/http/action-args'
import type { SetPasswordState } from './set-password-state'

/**
 * `Set password` on an invitation or a reset link (the token is a hidden
 * field: anyone may post anything, lib checks it). An invitation signs in
 * (through two-factor if required); a reset goes to sign in.
 */
export async function setPasswordAction(previous: SetPasswordState, rawForm: FormData): Promise<SetPasswordState> {
  const form = formDataArg(rawForm)
  const purpose = form.get('purpose') === 'invitation' ? 'invitation' : 'password_reset'
  const result = await setPasswordByLink(await getDb(), purpose, form.get('token'), form.get('newPassword'), await currentClient())
  const submission = (previous?.submission ?? 0) + 1
  if (!result.ok) return { submission, error: result.fieldErrors.newPassword ?? null, formError: result.formError ?? null }
  if (!result.next) {
    // An invitation without a session: the workspace requires single sign-on (lib/auth/set-password-by-link.ts).
    await setFlash(purpose === 'invitation' ? 'password-set-sso' : 'password-reset')
    redirect('/sign-in')
  }
  if (result.next.ok) {
    await startSession(result.next)
    redirect('/')
  }
  await setPendingSignInCookie(result.next.pendingToken)
  redirect(result.next.purpose === 'setup' ? '/sign-in/two-factor/setup' : '/sign-in/two-factor')
}
