'use server'

import { getDb } from '@/db/client'
import { startSession } from '@/lib/auth/session'
import { serverAction } from '@/lib/auth/server-action'
import { submissionOf } from '@/lib/http/action-args'
import { changeOwnPassword } from '@/lib/users/manage-own-password'
import type { FormState } from '@/lib/validation/form-state'

export type PasswordFormState = FormState<Record<string, never>>

/** My account › Change password: this browser stays signed in (a new session), every other session ends. */
export const changePasswordAction = serverAction({ args: ['state', 'form'] }, async (actor, previous, form) => {
  const result = await changeOwnPassword(await getDb(), actor, {
    currentPassword: form.get('currentPassword'),
    newPassword: form.get('newPassword'),
  })
  const submission = submissionOf(previous) + 1
  if (!result.ok) return { submission, values: {}, fieldErrors: result.fieldErrors, formError: result.formError }
  await startSession({
    ok: true,
    userId: actor.userId,
    tenantId: actor.tenantId,
    sessionId: result.sessionId,
    sessionVersion: result.sessionVersion,
  })
  return { submission, values: {}, fieldErrors: {}, ok: true }
})
