'use server'

import { getDb } from '@/db/client'
import { formDataArg, submissionOf } from '@/lib/http/action-args'
import { currentClient, requireUser, startSession } from '@/lib/auth/session'
import { changeOwnPassword, type ChangePasswordResult } from '@/lib/users/change-own-password'

export type PasswordFormState = (ChangePasswordResult & { submission: number }) | null

/** My account › Change password: this browser stays signed in, every other session ends. */
export async function changePasswordAction(previous: PasswordFormState, rawForm: FormData): Promise<PasswordFormState> {
  const me = await requireUser()
  const form = formDataArg(rawForm)
  const result = await changeOwnPassword(
    await getDb(),
    { userId: me.id, tenantId: me.tenantId, sessionId: me.sessionId, label: me.username, ip: (await currentClient()).ip },
    form.get('currentPassword'),
    form.get('newPassword'),
  )
  if (result.ok) await startSession({ ok: true, userId: me.id, tenantId: me.tenantId, sessionId: result.sessionId, sessionVersion: result.sessionVersion })
  return { ...result, submission: submissionOf(previous) + 1 }
}
