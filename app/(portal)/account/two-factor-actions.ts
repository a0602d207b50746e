'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { turnOffOwnTwoFactor, turnOnOwnTotp } from '@/lib/auth/manage-own-two-factor'
import { submissionOf } from '@/lib/http/action-args'
import type { FormState } from '@/lib/validation/form-state'
import type { TurnOnState } from '@/app/_two-factor/turn-on-state'

/** My account › Set up two-factor authentication › `Turn on`. */
export const turnOnTotpAction = serverAction({ args: ['state', 'form'] }, async (actor, previous, form): Promise<TurnOnState> => {
  const result = await turnOnOwnTotp(await getDb(), actor, form.get('code'))
  const submission = submissionOf(previous) + 1
  if (!result.ok) return { submission, error: result.fieldErrors.code ?? result.formError ?? 'Not turned on.', recoveryCodes: null }
  revalidatePath('/account')
  return { submission, error: null, recoveryCodes: result.recoveryCodes }
})

export type TurnOffState = FormState<Record<string, never>>

/** My account › Two-factor authentication › `Turn off`: the password and a code. */
export const turnOffTwoFactorAction = serverAction({ args: ['state', 'form'] }, async (actor, previous, form): Promise<TurnOffState> => {
  const result = await turnOffOwnTwoFactor(await getDb(), actor, { password: form.get('password'), code: form.get('code') })
  const submission = submissionOf(previous) + 1
  if (!result.ok) return { submission, values: {}, fieldErrors: result.fieldErrors, formError: result.formError }
  revalidatePath('/account')
  return { submission, values: {}, fieldErrors: {}, ok: true }
})
