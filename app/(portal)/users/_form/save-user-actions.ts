'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { submissionOf } from '@/lib/http/action-args'
import { createUser, updateUser, type SaveUserResult } from '@/lib/users/manage-users'
import type { Refusal } from '@/lib/validation/result'
import { fieldsFromForm, fieldsOf, type UserFormState } from './form-state'

/** The version the form was showing (only ever a number: the client may send anything back). */
const versionOf = (previous: unknown) => {
  const v = previous && typeof previous === 'object' ? (previous as { version?: unknown }).version : undefined
  return typeof v === 'number' ? v : undefined
}

function refused(
  previous: unknown,
  form: FormData,
  result: Refusal<string, Extract<SaveUserResult, { ok: false }>['current']>,
): UserFormState {
  return {
    submission: submissionOf(previous) + 1,
    // A conflict shows what is saved now, with its version; anything else keeps what was typed.
    values: result.current ? fieldsOf(result.current) : fieldsFromForm(form),
    version: result.current?.version ?? versionOf(previous),
    fieldErrors: result.fieldErrors,
    formError: result.formError ?? 'The user was not saved: check the fields marked below.',
    invite: form.get('sendInvitation') === 'on',
  }
}

/** `Save` on the new-user form. */
export const createUserAction = serverAction({ permission: 'users.create', args: ['state', 'form'] }, async (actor, previous, form) => {
  const result = await createUser(await getDb(), actor, {
    ...fieldsFromForm(form),
    password: form.get('password'),
    sendInvitation: form.get('sendInvitation'),
  })
  if (!result.ok) return refused(previous, form, result)
  if (result.invitation) kickMailWorker()
  revalidatePath('/users')
  await setFlash(result.invitation ? 'user-invited' : 'user-created')
  redirect(`/users/${result.id}/edit`)
})

/** `Save` on the edit form; the user's id is bound by the page and checked against the workspace again in lib. */
export const updateUserAction = serverAction(
  { permission: 'users.update', args: ['id', 'state', 'form'] },
  async (actor, id, previous, form) => {
    const result = await updateUser(await getDb(), actor, {
      ...fieldsFromForm(form),
      id,
      version: form.get('version'),
      password: form.get('password'),
      sendInvitation: form.get('sendInvitation'),
    })
    if (!result.ok) return refused(previous, form, result)
    if (result.invitation) kickMailWorker()
    revalidatePath('/users')
    await setFlash(result.invitation ? 'user-invited' : 'user-updated')
    redirect(`/users/${id}/edit`)
  },
)
