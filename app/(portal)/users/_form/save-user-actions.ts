'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { formDataArg, idArg, submissionOf } from '@/lib/http/action-args'
import { currentClient, requirePermission } from '@/lib/auth/session'
import { createUser, updateUser, type SaveUserResult, type UserEditor } from '@/lib/users/save-user'
import { fieldsFromForm, fieldsOf, type UserFormState } from './form-state'

async function editor(permission: 'users.create' | 'users.update'): Promise<UserEditor> {
  const user = await requirePermission(permission)
  return { userId: user.id, tenantId: user.tenantId, permissions: user.permissions, label: user.username, ip: (await currentClient()).ip }
}

/** The version the form was showing (only ever a number: the client may send anything back). */
const versionOf = (previous: unknown) => {
  const v = previous && typeof previous === 'object' ? (previous as { version?: unknown }).version : undefined
  return typeof v === 'number' ? v : undefined
}

function refused(previous: unknown, form: FormData, result: Exclude<SaveUserResult, { ok: true }>): UserFormState {
  return {
    submission: submissionOf(previous) + 1,
    // A conflict shows what is saved now, with its version; anything else keeps what was typed.
    values: result.current ? fieldsOf(result.current) : fieldsFromForm(form),
    version: result.current?.version ?? versionOf(previous),
    fieldErrors: result.fieldErrors,
    formError: result.formError ?? 'The user was not saved: check the fields marked below.',
  }
}

const passwordOf = (form: FormData) => {
  const value = form.get('password')
  return typeof value === 'string' && value !== '' ? value : null
}

/** `Save` on the new-user form. */
export async function createUserAction(previous: UserFormState, rawForm: FormData): Promise<UserFormState> {
  const form = formDataArg(rawForm)
  const result = await createUser(await getDb(), await editor('users.create'), fieldsFromForm(form), passwordOf(form) ?? '')
  if (!result.ok) return refused(previous, form, result)
  revalidatePath('/users')
  redirect(`/users/${result.id}/edit?saved=created`)
}

/** `Save` on the edit form; the user's id is bound by the page and checked against the workspace again here. */
export async function updateUserAction(rawUserId: string, previous: UserFormState, rawForm: FormData): Promise<UserFormState> {
  const userId = idArg(rawUserId)
  const form = formDataArg(rawForm)
  const result = await updateUser(await getDb(), await editor('users.update'), userId, form.get('version'), fieldsFromForm(form), passwordOf(form))
  if (!result.ok) return refused(previous, form, result)
  revalidatePath('/users')
  redirect(`/users/${userId}/edit?saved=updated`)
}
