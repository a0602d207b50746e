'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { formDataArg, idArg } from '@/lib/http/action-args'
import { currentClient, requirePermission } from '@/lib/auth/session'
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup, type GroupResult } from '@/lib/groups/manage-groups'
import type { SettingsActor } from '@/lib/profiles/manage-profiles'

async function actor(): Promise<SettingsActor> {
  const user = await requirePermission('settings.manage')
  return { userId: user.id, tenantId: user.tenantId, permissions: user.permissions, label: user.username, ip: (await currentClient()).ip }
}
function refresh(id?: string) {
  revalidatePath('/settings/groups')
  if (id) revalidatePath(`/settings/groups/${id}`)
  revalidatePath('/users')
}

export async function createGroupAction(_previous: GroupResult | null, form: FormData): Promise<GroupResult> {
  const result = await createGroup(await getDb(), await actor(), formDataArg(form).get('name'))
  if (result.ok) refresh()
  return result
}

export async function renameGroupAction(id: string, _previous: GroupResult | null, form: FormData): Promise<GroupResult> {
  const result = await renameGroup(await getDb(), await actor(), idArg(id), formDataArg(form).get('name'))
  if (result.ok) refresh(id)
  return result
}

export async function addGroupMemberAction(id: string, _previous: GroupResult | null, form: FormData): Promise<GroupResult> {
  const result = await addGroupMember(await getDb(), await actor(), idArg(id), formDataArg(form).get('username'))
  if (result.ok) refresh(id)
  return result
}

export async function removeGroupMemberAction(id: string, _previous: GroupResult | null, form: FormData): Promise<GroupResult> {
  const result = await removeGroupMember(await getDb(), await actor(), idArg(id), formDataArg(form).get('userId'))
  if (result.ok) refresh(id)
  return result
}

export async function deleteGroupAction(id: string, _previous: GroupResult | null): Promise<GroupResult> {
  const result = await deleteGroup(await getDb(), await actor(), idArg(id))
  if (!result.ok) return result
  refresh()
  redirect('/settings/groups?deleted=1')
}
