'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { mailIsDelivered } from '@/lib/mail/mail-config'
import { sendInvitation, sendPasswordReset } from '@/lib/users/invitations'
import { resetTwoFactor } from '@/lib/users/reset-two-factor'
import type { Result } from '@/lib/validation/result'
import type { SignInActionState } from './sign-in-action-state'

const answer = (id: string, result: Result<object>, done: string): SignInActionState => {
  if (!result.ok) return { ok: false, message: result.formError ?? 'That could not be done.' }
  revalidatePath(`/users/${id}/edit`)
  revalidatePath('/users')
  return { ok: true, message: done }
}

const sentTo = (email: string) =>
  mailIsDelivered() ? `sent to ${email}.` : 'written to the server’s mail folder (email isn’t set up): give them the link below.'

/** `Send invitation` / `Resend invitation`: a new 72-hour link; the old one stops working. */
export const sendInvitationAction = serverAction({ permission: 'users.update', args: ['id', 'state', 'form'] }, async (actor, id) => {
  const result = await sendInvitation(await getDb(), actor, id)
  if (result.ok) kickMailWorker()
  return answer(id, result, result.ok ? `Invitation ${sentTo(result.link.email)}` : '')
})

/** `Send password reset`: a 1-hour link; the password stays until they use it. */
export const sendPasswordResetAction = serverAction({ permission: 'users.password', args: ['id', 'state', 'form'] }, async (actor, id) => {
  const result = await sendPasswordReset(await getDb(), actor, id)
  if (result.ok) kickMailWorker()
  return answer(id, result, result.ok ? `Password reset ${sentTo(result.link.email)}` : '')
})

/** `Reset two-factor`: their app, passkeys and recovery codes are removed; audited. */
export const resetTwoFactorAction = serverAction({ permission: 'users.update', args: ['id', 'state', 'form'] }, async (actor, id) => {
  const result = await resetTwoFactor(await getDb(), actor, id)
  return answer(id, result, 'Two-factor authentication was reset: they sign in with their password and set it up again.')
})
