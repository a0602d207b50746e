'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { deleteView, renameView, saveView } from '@/lib/users/manage-saved-views'

const read = { permission: 'users.read' } as const

/** Save view: the list's current filters and sort (`query`) under `name`; `shared` for the workspace (settings.manage, checked in lib). */
export const saveViewAction = serverAction({ ...read, args: ['state', 'form'] }, async (actor, _previous, form) => {
  const result = await saveView(await getDb(), actor, { name: form.get('name'), query: form.get('query'), shared: form.get('shared') })
  if (result.ok) revalidatePath('/users')
  return result
})

export const renameViewAction = serverAction({ ...read, args: ['id', 'state', 'form'] }, async (actor, id, _previous, form) => {
  const result = await renameView(await getDb(), actor, { id, name: form.get('name') })
  if (result.ok) revalidatePath('/users')
  return result
})

export const deleteViewAction = serverAction({ ...read, args: ['id', 'state'] }, async (actor, id) => {
  const result = await deleteView(await getDb(), actor, { id })
  if (result.ok) revalidatePath('/users')
  return result
})
