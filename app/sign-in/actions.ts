'use server'

import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { formDataArg } from '@/lib/http/action-args'
import { safeReturnPath } from '@/lib/http/return-path'
import { currentClient, setPendingSignInCookie, startSession } from '@/lib/auth/session'
import { SIGN_IN_FAILED_MESSAGE, SIGN_IN_THROTTLED_MESSAGE } from '@/lib/auth/sign-in-schema'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { ssoSignInOptions } from '@/lib/sso/list-sso-settings'
import type { SignInState } from './sign-in-state'

const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '')

export async function signIn(_previous: SignInState, rawForm: FormData): Promise<SignInState> {
  const formData = formDataArg(rawForm)
  const workspace = text(formData.get('workspace'))
  const identifier = text(formData.get('identifier'))
  const result = await verifyCredentials(
    await getDb(),
    { workspace, identifier, password: text(formData.get('password')) },
    await currentClient(),
  )
  const back = safeReturnPath(formData.get('next'))
  if (!result.ok && result.reason === 'second-step') {
    // Not signed in yet: the next page asks for the second factor (or its required setup).
    await setPendingSignInCookie(result.pendingToken)
    const step = result.purpose === 'setup' ? '/sign-in/two-factor/setup' : '/sign-in/two-factor'
    redirect(back ? `${step}?next=${encodeURIComponent(back)}` : step)
  }
  if (!result.ok) {
    const sso = result.reason === 'sso_required' ? await ssoSignInOptions(await getDb(), workspace.trim().toLowerCase()) : null
    return {
      message: sso
        ? `This workspace signs in with ${sso.displayName}: use Sign in with ${sso.displayName} at /sign-in/${workspace.trim().toLowerCase()}.`
        : result.reason === 'throttled'
          ? SIGN_IN_THROTTLED_MESSAGE
          : SIGN_IN_FAILED_MESSAGE,
      values: { workspace: workspace.slice(0, 63), identifier: identifier.slice(0, 254) },
    }
  }
  await startSession(result)
  // Back to the page that sent them to sign in, if it is one of ours.
  redirect(back ?? '/')
}
