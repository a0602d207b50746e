import 'server-only'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db, Queryable } from '@/db/client'
import { tenants, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { OUTRANKED_MESSAGE, rightsOfUsers, withinRights } from '@/lib/auth/privilege'
import { issueUserLink } from '@/lib/auth/user-links'
import { enqueueMail } from '@/lib/mail/mail-outbox'
import { invitationMail, passwordResetMail } from '@/lib/mail/mail-templates'
import { conflict, forbidden, notFound, refuse, type Result } from '@/lib/validation/result'

/**
 * Invitations and admin-sent password resets. Each writes its link and its
 * mail in one transaction (the outbox sends it after commit); the link itself
 * comes back so the portal can show it when mail isn't set up (no SMTP_URL).
 */
export interface SentLink {
  id: string
  fullName: string
  email: string
  url: string
  expiresAt: Date
}

const GONE = 'This user no longer exists.'

async function workspaceOf(db: Queryable, tenantId: string) {
  const [t] = await db.select({ name: tenants.name, timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId))
  return t!
}

/** Issues an invitation link (ending any earlier one), queues its mail, marks the user `Invited`, audited. Inside the caller's transaction. */
export async function queueInvitation(
  tx: Queryable,
  actor: Actor,
  user: { id: string; fullName: string; username: string; email: string },
): Promise<SentLink> {
  const tenantId = actor.tenantId
  const link = await issueUserLink(tx, { tenantId, userId: user.id, purpose: 'invitation' })
  const ws = await workspaceOf(tx, tenantId)
  await enqueueMail(tx, {
    tenantId,
    kind: 'invitation',
    to: user.email,
    content: invitationMail({
      workspace: ws.name,
      fullName: user.fullName,
      username: user.username,
      expiresAt: link.expiresAt,
      timeZone: ws.timeZone,
    }),
    link,
  })
  await tx
    .update(users)
    .set({ invitationExpiresAt: link.expiresAt })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, user.id)))
  await recordAudit(tx, { tenantId, actor, action: 'user.invite', entityType: 'user', entityId: user.id, after: { email: user.email } })
  return { id: user.id, fullName: user.fullName, email: user.email, url: link.url, expiresAt: link.expiresAt }
}

export type InvitationSkip = 'has-password' | 'inactive' | 'outranked' | 'missing'
export const INVITATION_SKIP_TEXT: Record<InvitationSkip, string> = {
  'has-password': 'already has a password',
  inactive: 'inactive',
  outranked: 'has permissions you don’t have',
  missing: 'no longer exists',
}

/**
 * `Send invitation` / `Resend invitation` (the user page) and the list's bulk
 * `Send invitations` (`users.update`): for active users without a password,
 * within the actor's rights. Each gets a new link (the old one stops working).
 */
export async function sendInvitations(
  db: Db,
  actor: Actor,
  userIds: readonly string[],
): Promise<Result<{ sent: SentLink[]; skipped: { id: string; fullName: string; reason: InvitationSkip }[] }>> {
  if (!actor.permissions.has('users.update')) return forbidden()
  const ids = [...new Set(userIds)]
  return db.transaction(async (tx) => {
    const rows = ids.length
      ? await tx
          .select({
            id: users.id,
            fullName: users.fullName,
            username: users.username,
            email: users.email,
            status: users.status,
            hasPassword: users.passwordHash,
          })
          .from(users)
          .where(and(eq(users.tenantId, actor.tenantId), inArray(users.id, ids), isNull(users.deletedAt)))
          .orderBy(users.id)
          .for('update')
      : []
    const rights = await rightsOfUsers(
      tx,
      actor,
      rows.map((r) => r.id),
    )
    const sent: SentLink[] = []
    const skipped: { id: string; fullName: string; reason: InvitationSkip }[] = []
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const id of ids) {
      const row = byId.get(id)
      const reason: InvitationSkip | null = !row
        ? 'missing'
        : !withinRights(actor.permissions, rights.get(id) ?? [])
          ? 'outranked'
          : row.hasPassword !== null
            ? 'has-password'
            : row.status !== 'active'
              ? 'inactive'
              : null
      if (reason || !row) {
        skipped.push({ id, fullName: row?.fullName ?? '', reason: reason ?? 'missing' })
        continue
      }
      sent.push(await queueInvitation(tx, actor, row))
    }
    return { ok: true as const, sent, skipped }
  })
}

/** One user's `Send invitation` / `Resend invitation`: the same, with a refusal that says why instead of a skip. */
export async function sendInvitation(db: Db, actor: Actor, userId: string): Promise<Result<{ link: SentLink }>> {
  const result = await sendInvitations(db, actor, [userId])
  if (!result.ok) return result
  const [link] = result.sent
  if (link) return { ok: true, link }
  const reason = result.skipped[0]?.reason ?? 'missing'
  if (reason === 'missing') return notFound(GONE)
  if (reason === 'outranked') return refuse('not_found', OUTRANKED_MESSAGE)
  return conflict(
    reason === 'has-password'
      ? 'This user already has a password: send a password reset instead.'
      : 'This user is inactive: activate them first.',
  )
}

/**
 * `Send password reset` on a user's page (`users.password`, as setting it
 * would be): a 1-hour link to their email; their password stays until they
 * use it. Never one's own (My account), never someone with more rights.
 */
export async function sendPasswordReset(db: Db, actor: Actor, userId: string): Promise<Result<{ link: SentLink }>> {
  if (!actor.permissions.has('users.password')) return forbidden()
  if (userId === actor.userId) return conflict('Change your own password in My account.')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: users.id, fullName: users.fullName, email: users.email, status: users.status })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId), isNull(users.deletedAt)))
      .for('update')
    const rights = (await rightsOfUsers(tx, actor, [userId])).get(userId)
    if (!row || !rights) return notFound(GONE)
    if (!withinRights(actor.permissions, rights)) return refuse('not_found', OUTRANKED_MESSAGE)
    if (row.status !== 'active') return conflict('This user is inactive: activate them first.')
    const link = await issueUserLink(tx, { tenantId: actor.tenantId, userId, purpose: 'password_reset' })
    const ws = await workspaceOf(tx, actor.tenantId)
    await enqueueMail(tx, {
      tenantId: actor.tenantId,
      kind: 'password_reset',
      to: row.email,
      content: passwordResetMail({ workspace: ws.name, fullName: row.fullName, expiresAt: link.expiresAt, timeZone: ws.timeZone }),
      link,
    })
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'user.password_reset_send', entityType: 'user', entityId: userId })
    return { ok: true as const, link: { id: userId, fullName: row.fullName, email: row.email, url: link.url, expiresAt: link.expiresAt } }
  })
}
