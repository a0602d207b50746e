'use server'

import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { formDataArg } from '@/lib/http/action-args'
import { safeReturnPath } from '@/lib/http/return-path'
import { clearPendingSignInCookie, currentClient, readPendingSignInCookie, startSession } from '@/lib/auth/session'
import { passkeyStepOptions, verifyPasskeyStep, verifySecondStep } from '@/lib/auth/second-step'
import { restartSignIn, SECOND_STEP_MESSAGES } from './restart'
import type { StepState } from './step-state'

/** `Verify` on the second step: an authentication code or a recovery code. */
export async function verifyCodeAction(previous: StepState, rawForm: FormData): Promise<StepState> {
  const form = formDataArg(rawForm)
  const result = await verifySecondStep(await getDb(), await readPendingSignInCookie(), form.get('code'), await currentClient())
  if (!result.ok) {
    if (result.reason === 'expired') return restartSignIn()
    return { submission: (previous?.submission ?? 0) + 1, message: SECOND_STEP_MESSAGES[result.reason] }
  }
  await clearPendingSignInCookie()
  await startSession(result)
  redirect(safeReturnPath(form.get('next')) ?? '/')
}

/** `Use a passkey`, step 1: what the browser asks the authenticator (null: the step expired; sign in again). */
export async function passkeyOptionsAction() {
  return passkeyStepOptions(await getDb(), await readPendingSignInCookie())
}

/** `Use a passkey`, step 2: the authenticator's answer (`response`, JSON); signed in on success. */
export async function verifyPasskeyAction(rawForm: FormData): Promise<{ message: string }> {
  const form = formDataArg(rawForm)
  const result = await verifyPasskeyStep(await getDb(), await readPendingSignInCookie(), form.get('response'), await currentClient())
  if (!result.ok) {
    if (result.reason === 'expired') return restartSignIn()
    return {
      message:
        result.reason === 'throttled' ? SECOND_STEP_MESSAGES.throttled : 'That passkey could not be used. Try again, or enter a code.',
    }
  }
  await clearPendingSignInCookie()
  await startSession(result)
  redirect(safeReturnPath(form.get('next')) ?? '/')
}
