'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from '@/lib/groups/manage-groups'
import { addGroupManager, removeGroupManager } from '@/lib/groups/manage-group-managers'

function refresh(id?: string) {
  revalidatePath('/settings/groups')
  if (id) revalidatePath(`/settings/groups/${id}`)
  revalidatePath('/users')
}
const settings = { permission: 'settings.manage' } as const

export const createGroupAction = serverAction({ ...settings, args: ['state', 'form'] }, async (actor, _previous, form) => {
  const result = await createGroup(await getDb(), actor, { name: form.get('name') })
  if (result.ok) refresh()
  return result
})

export const renameGroupAction = serverAction({ ...settings, args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await renameGroup(await getDb(), actor, { id, name: form.get('name') })
  if (result.ok) refresh(id)
  return result
})

export const addGroupMemberAction = serverAction({ ...settings, args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await addGroupMember(await getDb(), actor, { groupId: id, username: form.get('username') })
  if (result.ok) refresh(id)
  return result
})

export const removeGroupMemberAction = serverAction({ ...settings, args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await removeGroupMember(await getDb(), actor, { groupId: id, userId: form.get('userId') })
  if (result.ok) refresh(id)
  return result
})

/** `Add manager` on a group's page (issue 22). */
export const addGroupManagerAction = serverAction({ ...settings, args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await addGroupManager(await getDb(), actor, { groupId: id, username: form.get('username') })
  if (result.ok) refresh(id)
  return result
})

export const removeGroupManagerAction = serverAction({ ...settings, args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await removeGroupManager(await getDb(), actor, { groupId: id, userId: form.get('userId') })
  if (result.ok) refresh(id)
  return result
})

export const deleteGroupAction = serverAction({ ...settings, args: ['id', 'state'] }, async (actor, id, _previous) => {
  const result = await deleteGroup(await getDb(), actor, { id })
  if (!result.ok) return result
  refresh()
  await setFlash('group-deleted')
  redirect('/settings/groups')
})
