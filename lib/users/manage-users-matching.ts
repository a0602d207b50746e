import 'server-only'
import { and, asc, gt, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import type { Actor } from '@/lib/auth/actor'
import type { Permission } from '@/lib/auth/permissions'
import { mayActOnUsers, OUTRANKED_SOME_MESSAGE } from '@/lib/auth/privilege'
import { conflict, forbidden, invalid, notFound, type Refusal } from '@/lib/validation/result'
import { parseUserListParams } from './list-params'
import { userListWhere } from './list-users'
import { BULK_ACTIONS, runBulkAction, type BulkResult } from './manage-users-bulk'

/** At most this many users per "all matching" action: the list counts exactly up to here, and the admin confirms that count. */
export const MATCHING_LIMIT = 10_000
/** Users per transaction: each batch locks its rows (and the admins) only briefly. */
export const MATCHING_BATCH = 100

const matchingInputSchema = z.object({
  action: z.enum(BULK_ACTIONS),
  query: z.string().max(8_000, 'That list view is not valid.'),
  expected: z.coerce.number().int().min(1).max(MATCHING_LIMIT),
})

/**
 * The ids of the users a list view matches (`where`), in id order: up to one
 * past `limit`, so their number is the count without counting first. Refused
 * past the limit, and when the admin confirmed another count (`expected`;
 * none matching then is news too). Bulk actions and bulk edit both ask this.
 */
export async function idsOfView(
  db: Db,
  where: SQL,
  { limit, expected }: { limit: number; expected?: number },
): Promise<string[] | Refusal> {
  const ids = (
    await db
      .select({ id: users.id })
      .from(users)
      .where(where)
      .orderBy(asc(users.id))
      .limit(limit + 1)
  ).map((r) => r.id)
  const n = ids.length
  if (n === 0 && expected !== undefined) return notFound('No users match this view any more.')
  if (n > limit) return invalid({}, `This view matches more than ${limit.toLocaleString('en-GB')} users: narrow it first.`)
  if (expected !== undefined && n !== expected) {
    const matches = n === 1 ? '1 user matches' : `${n.toLocaleString('en-GB')} users match`
    return conflict(
      `The list changed: ${matches} this view now, not ${expected.toLocaleString('en-GB')}. Nothing was changed; check and try again.`,
    )
  }
  return ids
}

/**
 * A bulk action on every user the list's view (`query`, its URL parameters)
 * matches, not just the page shown: "Select all 1,204 matching". The admin
 * confirmed a count (`expected`); if the view matches another number now, nothing
 * is done. The whole set is checked first (the actor's rights cover every user,
 * the actor is not among those deactivated or deleted), then it runs in batches
 * of MATCHING_BATCH through runBulkAction, so each user is audited as usual and
 * the workspace keeps an active admin after every batch.
 */
export async function runBulkActionOnMatching(
  db: Db,
  actor: Actor,
  raw: { action: unknown; query: unknown; expected: unknown },
): Promise<BulkResult> {
  const parsed = matchingInputSchema.safeParse(raw)
  if (!parsed.success) return invalid({}, parsed.error.issues[0]?.message ?? 'That request was not valid.')
  const { action, query, expected } = parsed.data
  const needed: Permission = action === 'delete' ? 'users.delete' : 'users.update'
  if (!actor.permissions.has(needed)) return forbidden()
  const params = parseUserListParams(new URLSearchParams(query))
  const where = userListWhere(actor, params)

  const ids = await idsOfView(db, where, { limit: MATCHING_LIMIT, expected })
  if (!Array.isArray(ids)) return ids
  if (action !== 'activate' && ids.includes(actor.userId)) {
    return conflict(`You are one of these users: you can’t ${action} yourself. Narrow the view to leave yourself out.`)
  }
  if (!(await mayActOnUsers(db, actor, ids))) return notFound(OUTRANKED_SOME_MESSAGE)

  let changed = 0
  let after = ''
  for (;;) {
    // Keyset over the same view: users who stopped matching meanwhile are left alone.
    const batch = await db
      .select({ id: users.id })
      .from(users)
      .where(after ? and(where, gt(users.id, after)) : where)
      .orderBy(asc(users.id))
      .limit(MATCHING_BATCH)
    if (batch.length === 0) break
    after = batch[batch.length - 1]!.id
    const result = await runBulkAction(db, actor, { action, ids: batch.map((r) => r.id) })
    if (!result.ok)
      return changed ? { ...result, formError: `${result.formError ?? 'Stopped.'} ${changed} users were changed before that.` } : result
    changed += result.changed
  }
  return { ok: true, changed }
}
