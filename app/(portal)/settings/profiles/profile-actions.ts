'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { submissionOf } from '@/lib/http/action-args'
import { createProfile, deleteProfile, updateProfile } from '@/lib/profiles/manage-profiles'
import type { FormState } from '@/lib/validation/form-state'
import type { Refusal } from '@/lib/validation/result'

const input = (form: FormData) => ({
  name: form.get('name') ?? '',
  description: form.get('description') ?? '',
  role: form.get('role') ?? '',
  permissions: form.getAll('permissions').filter((p) => typeof p === 'string'),
  scope: form.get('scope') ?? 'workspace',
})

export type ProfileFormValues = { name: string; description: string; role: string; permissions: string[]; scope: string }
export type ProfileFormState = FormState<ProfileFormValues>
const refused = (previous: unknown, form: FormData, result: Refusal): ProfileFormState => ({
  submission: submissionOf(previous) + 1,
  values: {
    name: String(form.get('name') ?? ''),
    description: String(form.get('description') ?? ''),
    role: String(form.get('role') ?? 'Agent'),
    permissions: form.getAll('permissions').map(String),
    scope: String(form.get('scope') ?? 'workspace'),
  },
  fieldErrors: result.fieldErrors,
  formError: result.formError,
})

/** `Save` on the new-profile form. */
export const createProfileAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, previous, form) => {
    const result = await createProfile(await getDb(), actor, input(form))
    if (!result.ok) return refused(previous, form, result)
    revalidatePath('/settings/profiles')
    await setFlash('profile-created')
    redirect(`/settings/profiles/${result.id}`)
  },
)

/** `Save` on a profile's page (the id is bound by the page and checked again in lib). */
export const updateProfileAction = serverAction(
  { permission: 'settings.manage', args: ['id', 'state', 'form'] },
  async (actor, id, previous, form) => {
    const result = await updateProfile(await getDb(), actor, { ...input(form), id })
    if (!result.ok) return refused(previous, form, result)
    revalidatePath('/settings/profiles')
    await setFlash('profile-updated')
    redirect(`/settings/profiles/${id}`)
  },
)

/** `Delete` on a profile's page; in use, it needs the confirmation box ticked. */
export const deleteProfileAction = serverAction(
  { permission: 'settings.manage', args: ['id', 'state', 'form'] },
  async (actor, id, _previous, form) => {
    const result = await deleteProfile(await getDb(), actor, { id, reassign: form.get('reassign') === 'on' })
    if (!result.ok) return result
    revalidatePath('/settings/profiles')
    await setFlash('profile-deleted')
    redirect('/settings/profiles')
  },
)
