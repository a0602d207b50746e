'use server'

import { getDb } from '@/db/client'
import { currentClient } from '@/lib/auth/session'
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from '@/lib/auth/password-reset'
import { formDataArg } from '@/lib/http/action-args'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import type { ForgotState } from './forgot-state'

const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '')

/** `Send reset link`: the same answer whether or not the account exists (lib/auth/password-reset.ts). */
export async function requestResetAction(previous: ForgotState, rawForm: FormData): Promise<ForgotState> {
  const form = formDataArg(rawForm)
  const values = { workspace: text(form.get('workspace')).slice(0, 63), email: text(form.get('email')).slice(0, 254) }
  const result = await requestPasswordReset(await getDb(), values, await currentClient())
  const submission = (previous?.submission ?? 0) + 1
  if (!result.ok) return { submission, values, fieldErrors: result.fieldErrors, sent: null }
  if (result.queued) kickMailWorker()
  return { submission, values, fieldErrors: {}, sent: RESET_REQUESTED_MESSAGE }
}
