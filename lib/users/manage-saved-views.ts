import 'server-only'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, Queryable } from '@/db/client'
import { isUniqueViolation } from '@/db/errors'
import { savedViews } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { isChecked } from '@/lib/validation/form-values'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { singleLineText } from '@/lib/validation/text'
import { parseUserListParams, userListQuery } from './list-params'
import { mayManage } from './list-saved-views'

/** Views per person: a list of names above the table, not a database. */
export const SAVED_VIEWS_PER_USER = 50
const GONE = 'This view no longer exists.'

const nameSchema = singleLineText().trim().min(1, 'Name the view.').max(60, 'Use at most 60 characters.')
const saveSchema = z.object({
  name: nameSchema,
  query: z.string().max(8_000, 'That list view is not valid.'),
  shared: z.unknown().optional(),
})
const renameSchema = z.object({ id: z.uuid(GONE), name: nameSchema })

export type SavedViewResult = Result<{ id: string; message: string }, 'name'>

/** The list's parameters for a view, on page 1: what a view stores and what its link opens. */
const normalise = (query: string) => userListQuery(parseUserListParams(new URLSearchParams(query)), { page: 1 }).toString()

/** Saves the list's current filters and sort (`query`) under a name; `shared` (settings.manage) shows it to the whole workspace. */
export async function saveView(db: Db, actor: Actor, raw: { name: unknown; query: unknown; shared?: unknown }): Promise<SavedViewResult> {
  if (!actor.permissions.has('users.read')) return forbidden()
  const parsed = saveSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<'name'>(parsed.error), parsed.error.issues.find((i) => i.path[0] !== 'name')?.message)
  const shared = isChecked(parsed.data.shared)
  if (shared && !actor.permissions.has('settings.manage'))
    return forbidden('Only admins who manage settings can share views with the workspace.')
  const { name } = parsed.data
  try {
    return await db.transaction(async (tx) => {
      const [mine] = await tx
        .select({ n: count() })
        .from(savedViews)
        .where(and(eq(savedViews.tenantId, actor.tenantId), eq(savedViews.ownerId, actor.userId)))
      if ((mine?.n ?? 0) >= SAVED_VIEWS_PER_USER) {
        return invalid({}, `You have ${SAVED_VIEWS_PER_USER} saved views: delete one before saving another.`)
      }
      const [row] = await tx
        .insert(savedViews)
        .values({ tenantId: actor.tenantId, ownerId: actor.userId, name, query: normalise(parsed.data.query), shared })
        .returning({ id: savedViews.id })
      return { ok: true as const, id: row!.id, message: `View “${name}” saved.` }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'saved_views_owner_name_key')) return invalid({ name: `You already have a view named “${name}”.` })
    throw error
  }
}

/** A view the actor may manage, locked, or null (another's private view is as absent as one of another workspace). */
async function manageable(db: Queryable, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.tenantId, actor.tenantId), eq(savedViews.id, id)))
    .for('update')
  return row && mayManage(actor, row) ? row : null
}

export async function renameView(db: Db, actor: Actor, raw: { id: unknown; name: unknown }): Promise<SavedViewResult> {
  if (!actor.permissions.has('users.read')) return forbidden()
  const parsed = renameSchema.safeParse(raw)
  if (!parsed.success) {
    const fields = fieldErrorsOf<'id' | 'name'>(parsed.error)
    return fields.id ? notFound(GONE) : invalid({ name: fields.name })
  }
  const { id, name } = parsed.data
  try {
    return await db.transaction(async (tx) => {
      const view = await manageable(tx, actor, id)
      if (!view) return notFound(GONE)
      await tx
        .update(savedViews)
        .set({ name, updatedAt: new Date() })
        .where(and(eq(savedViews.tenantId, actor.tenantId), eq(savedViews.id, id)))
      return { ok: true as const, id, message: `View renamed to “${name}”.` }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'saved_views_owner_name_key')) return invalid({ name: `There is already a view named “${name}”.` })
    throw error
  }
}

export async function deleteView(db: Db, actor: Actor, raw: { id: unknown }): Promise<SavedViewResult> {
  if (!actor.permissions.has('users.read')) return forbidden()
  const id = z.uuid().safeParse(raw.id)
  if (!id.success) return notFound(GONE)
  return db.transaction(async (tx) => {
    const view = await manageable(tx, actor, id.data)
    if (!view) return notFound(GONE)
    await tx.delete(savedViews).where(and(eq(savedViews.tenantId, actor.tenantId), eq(savedViews.id, id.data)))
    return { ok: true as const, id: id.data, message: `View “${view.name}” deleted.` }
  })
}
