'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { formDataArg, idArg, submissionOf } from '@/lib/http/action-args'
import { currentClient, requirePermission } from '@/lib/auth/session'
import { createProfile, deleteProfile, updateProfile, type SaveProfileResult, type SettingsActor } from '@/lib/profiles/manage-profiles'

async function actor(): Promise<SettingsActor> {
  const user = await requirePermission('settings.manage')
  return { userId: user.id, tenantId: user.tenantId, permissions: user.permissions, label: user.username, ip: (await currentClient()).ip }
}

const input = (form: FormData) => ({
  name: form.get('name') ?? '',
  description: form.get('description') ?? '',
  role: form.get('role') ?? '',
  permissions: form.getAll('permissions').filter((p) => typeof p === 'string'),
})

export type ProfileFormState = { submission: number; result: SaveProfileResult | null; values: { name: string; description: string; role: string; permissions: string[] } }
const typed = (form: FormData) => ({
  name: String(form.get('name') ?? ''),
  description: String(form.get('description') ?? ''),
  role: String(form.get('role') ?? 'Agent'),
  permissions: form.getAll('permissions').map(String),
})

/** `Save` on the new-profile form. */
export async function createProfileAction(previous: ProfileFormState, rawForm: FormData): Promise<ProfileFormState> {
  const form = formDataArg(rawForm)
  const result = await createProfile(await getDb(), await actor(), input(form))
  if (!result.ok) return { submission: submissionOf(previous) + 1, result, values: typed(form) }
  revalidatePath('/settings/profiles')
  redirect(`/settings/profiles/${result.id}?saved=created`)
}

/** `Save` on a profile's page (the id is bound by the page and checked again in lib). */
export async function updateProfileAction(rawId: string, previous: ProfileFormState, rawForm: FormData): Promise<ProfileFormState> {
  const id = idArg(rawId)
  const form = formDataArg(rawForm)
  const result = await updateProfile(await getDb(), await actor(), id, input(form))
  if (!result.ok) return { submission: submissionOf(previous) + 1, result, values: typed(form) }
  revalidatePath('/settings/profiles')
  redirect(`/settings/profiles/${id}?saved=updated`)
}

/** `Delete` on a profile's page; in use, it needs the confirmation box ticked. */
export async function deleteProfileAction(id: string, _previous: { ok: boolean; message: string; holders?: number } | null, form: FormData) {
  const result = await deleteProfile(await getDb(), await actor(), idArg(id), formDataArg(form).get('reassign') === 'on')
  if (!result.ok) return result
  revalidatePath('/settings/profiles')
  redirect('/settings/profiles?deleted=1')
}
