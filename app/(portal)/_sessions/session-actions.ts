'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { signOutSessions } from '@/lib/sessions/manage-sessions'

/**
 * Sign out one session (`sessionId` in the form) or every session of the
 * user (the bound id): one's own from My account, someone else's from their
 * page (lib checks users.update and the privilege rules). Signing this browser
 * out sends it to the sign-in page.
 */
export const signOutSessionAction = serverAction({ args: ['id', 'state', 'form'] }, async (actor, userId, _previous, form) => {
  const result = await signOutSessions(await getDb(), actor, { userId, sessionId: form.get('sessionId') })
  if (result.ok && result.signedOutSelf) redirect('/sign-in')
  if (result.ok) revalidatePath('/', 'layout')
  return result
})

export const signOutEverywhereAction = serverAction({ args: ['id', 'state'] }, async (actor, userId) => {
  const result = await signOutSessions(await getDb(), actor, { userId })
  if (result.ok && result.signedOutSelf) redirect('/sign-in')
  if (result.ok) revalidatePath('/', 'layout')
  return result
})
