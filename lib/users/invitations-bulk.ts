import 'server-only'
import { z } from 'zod'
import type { Db } from '@/db/client'
import type { Actor } from '@/lib/auth/actor'
import { forbidden, invalid, type Result } from '@/lib/validation/result'
import { INVITATION_SKIP_TEXT, sendInvitations, type InvitationSkip } from './invitations'
import { parseUserListParams } from './list-params'
import { userListWhere } from './list-users'
import { idsOfView, MATCHING_LIMIT } from './manage-users-matching'

const BATCH = 500

const inputSchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1, 'Select at least one user.').max(MATCHING_LIMIT) }),
  z.object({ query: z.string().max(8_000, 'That list view is not valid.'), expected: z.coerce.number().int().min(1).max(MATCHING_LIMIT) }),
])

export interface InvitationsOutcome {
  sent: number
  skipped: Partial<Record<InvitationSkip, number>>
}

/**
 * The users list's bulk `Send invitations` (`users.update`), on the selected
 * rows or every user the view matches (confirmed by its count, like the other
 * bulk actions): those without a password get a new invitation; the rest are
 * skipped and counted by reason. Batches of 500, each in its own transaction.
 */
export async function sendInvitationsInBulk(db: Db, actor: Actor, raw: unknown): Promise<Result<InvitationsOutcome>> {
  if (!actor.permissions.has('users.update')) return forbidden()
  const parsed = inputSchema.safeParse(raw)
  if (!parsed.success) return invalid({}, parsed.error.issues[0]?.message ?? 'That request was not valid.')
  const input = parsed.data
  let ids: string[]
  if ('ids' in input) ids = input.ids
  else {
    const found = await idsOfView(db, userListWhere(actor, parseUserListParams(new URLSearchParams(input.query))), {
      limit: MATCHING_LIMIT,
      expected: input.expected,
    })
    if (!Array.isArray(found)) return found
    ids = found
  }
  const outcome: InvitationsOutcome = { sent: 0, skipped: {} }
  for (let i = 0; i < ids.length; i += BATCH) {
    const result = await sendInvitations(db, actor, ids.slice(i, i + BATCH))
    if (!result.ok) return result
    outcome.sent += result.sent.length
    for (const s of result.skipped) outcome.skipped[s.reason] = (outcome.skipped[s.reason] ?? 0) + 1
  }
  return { ok: true, ...outcome }
}

/** "Invitations sent to 12 users; 3 skipped (2 already have a password, 1 inactive)." */
export function invitationsOutcomeText(o: InvitationsOutcome): string {
  const users = (n: number) => `${n.toLocaleString('en-GB')} user${n === 1 ? '' : 's'}`
  const skips = Object.entries(o.skipped) as [InvitationSkip, number][]
  const skipped = skips.reduce((n, [, c]) => n + c, 0)
  const head = o.sent ? `Invitations sent to ${users(o.sent)}` : 'No invitations sent'
  if (!skipped) return `${head}.`
  const why = skips.map(
    ([reason, n]) =>
      `${n} ${reason === 'has-password' ? (n === 1 ? 'already has a password' : 'already have a password') : INVITATION_SKIP_TEXT[reason]}`,
  )
  return `${head}; ${skipped.toLocaleString('en-GB')} skipped (${why.join(', ')}).`
}
