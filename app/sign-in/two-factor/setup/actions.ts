'use server'

import { getDb } from '@/db/client'
import { formDataArg } from '@/lib/http/action-args'
import { clearPendingSignInCookie, currentClient, readPendingSignInCookie, startSession } from '@/lib/auth/session'
import { confirmRequiredSetup } from '@/lib/auth/second-step'
import type { TurnOnState } from '@/app/_two-factor/turn-on-state'
import { restartSignIn, SECOND_STEP_MESSAGES } from '../restart'

/** `Turn on` in the setup the workspace requires: on success this browser is signed in and the recovery codes are shown once. */
export async function confirmRequiredSetupAction(previous: TurnOnState, rawForm: FormData): Promise<TurnOnState> {
  const form = formDataArg(rawForm)
  const result = await confirmRequiredSetup(await getDb(), await readPendingSignInCookie(), form.get('code'), await currentClient())
  const submission = (previous?.submission ?? 0) + 1
  if (!result.ok) {
    if (result.reason === 'expired') return restartSignIn()
    const error =
      result.reason === 'invalid' ? 'That code is not right. Enter the current code from your app.' : SECOND_STEP_MESSAGES.throttled
    return { submission, error, recoveryCodes: null }
  }
  await clearPendingSignInCookie()
  await startSession(result)
  return { submission, error: null, recoveryCodes: result.recoveryCodes }
}
