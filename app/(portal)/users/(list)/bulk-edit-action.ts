'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { bulkEditOutcomeText, bulkEditSetFromForm, type BulkEditField } from '@/lib/users/bulk-edit-input'
import { bulkEditUsers } from '@/lib/users/manage-users-bulk-edit'
import { invalid, type Result } from '@/lib/validation/result'

export type BulkEditAnswer = Result<{ text: string; details: string[] }, BulkEditField>

/** How many skipped users the answer names (the API lists every one). */
const NAMED = 20
const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : undefined)

/**
 * Users list › Edit: the chosen fields for the selected users (`ids`) or
 * every user the view matches (`scope=matching`, `query`, `expected`). lib
 * checks the permission, the input and every user's rules.
 */
export const bulkEditUsersAction = serverAction({ args: ['state', 'form'] }, async (actor, _previous, form): Promise<BulkEditAnswer> => {
  const { set, fieldErrors } = bulkEditSetFromForm(form)
  if (Object.keys(fieldErrors).length) return invalid(fieldErrors)
  const target =
    form.get('scope') === 'matching'
      ? { query: text(form.get('query')) ?? '', expected: text(form.get('expected')) }
      : { ids: form.getAll('ids') }
  const result = await bulkEditUsers(await getDb(), actor, { ...target, set })
  if (!result.ok) return result
  revalidatePath('/users')
  const skipped = result.results.filter((r) => r.outcome === 'skipped')
  return {
    ok: true,
    ...bulkEditOutcomeText({
      updated: result.updated,
      unchanged: result.unchanged,
      skippedCount: skipped.length,
      skipped: skipped.slice(0, NAMED).map((r) => ({ name: r.fullName || 'A user', reason: r.reason ?? '' })),
    }),
  }
})
