import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { ssoConnections, tenants, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { ClientInfo } from '@/lib/http/client-info'
import { invalid, refuse, type Result } from '@/lib/validation/result'
import type { SignedIn } from './complete-sign-in'
import { nextSignInStep, type SecondStep } from './next-sign-in-step'
import { passwordProblem } from './password-policy'
import { hashPassword } from './passwords'
import { endDashboardSessions } from './session-user'
import { endUserLinks, findUserLink, useUserLink, type LinkPurpose, type LinkState } from './user-links'

/** What a link page says when the link can't be used (never whose it was). */
export const LINK_STATE_MESSAGES: Record<LinkPurpose, Record<Exclude<LinkState, 'valid'>, string>> = {
  invitation: {
    expired: 'This invitation has expired. Ask your workspace admin to send a new one.',
    used: 'This invitation was already used. Sign in with the password you chose.',
    ended: 'This invitation no longer works: a newer one was sent, or the account was deactivated. Use the latest invitation email.',
    unknown: 'This invitation link is not valid. Check that you copied the whole link from the email.',
  },
  password_reset: {
    expired: 'This reset link has expired (they work for an hour). Ask for a new one.',
    used: 'This reset link was already used. Sign in with your new password, or ask for a new link.',
    ended: 'This reset link no longer works: a newer one was sent, or the password was changed since. Use the latest email.',
    unknown: 'This reset link is not valid. Check that you copied the whole link from the email.',
  },
}

export type SetPasswordOutcome = Result<{ purpose: LinkPurpose; next: SignedIn | SecondStep | null }, 'newPassword'>

/**
 * `Set password` on an invitation or reset link. Single use (of two racing
 * submits one wins), within its time; the password follows the policy. Every
 * session of the user ends and every other link of theirs with it. An
 * invitation then signs the user in (through two-factor if on or required);
 * a reset sends them to sign in with the new password.
 */
export async function setPasswordByLink(
  db: Db,
  purpose: LinkPurpose,
  token: unknown,
  newPassword: unknown,
  client: ClientInfo,
): Promise<SetPasswordOutcome> {
  const found = await findUserLink(db, purpose, typeof token === 'string' ? token : '')
  if (found.state !== 'valid') return refuse('not_found', LINK_STATE_MESSAGES[purpose][found.state])
  const holder = found.holder
  const password = typeof newPassword === 'string' ? newPassword : ''
  const problem = password ? passwordProblem(password, { username: holder.username, email: holder.email }) : 'Enter a new password.'
  if (problem) return invalid({ newPassword: problem })
  const passwordHash = await hashPassword(password)

  const changed = await db.transaction(async (tx) => {
    if (!(await useUserLink(tx, holder.tenantId, holder.linkId))) return null
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        invitationExpiresAt: null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        version: sql`${users.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.tenantId, holder.tenantId), eq(users.id, holder.userId)))
      .returning({ sessionVersion: users.sessionVersion, role: users.role, breakGlass: users.breakGlass })
    await endDashboardSessions(tx, holder.tenantId, [holder.userId], purpose === 'invitation' ? 'invitation-accepted' : 'password-reset')
    await endUserLinks(tx, holder.tenantId, holder.userId)
    await recordAudit(tx, {
      tenantId: holder.tenantId,
      actor: { userId: holder.userId, label: holder.username, ip: client.ip },
      action: 'user.password_change',
      entityType: 'user',
      entityId: holder.userId,
      after: { by: purpose === 'invitation' ? 'invitation link' : 'reset link' },
    })
    return user!
  })
  if (!changed) return refuse('conflict', LINK_STATE_MESSAGES[purpose].used)
  if (purpose === 'password_reset') return { ok: true, purpose, next: null }
  const [tenant] = await db
    .select({ policy: tenants.twoFactorPolicy, requireSso: ssoConnections.requireSso })
    .from(tenants)
    .leftJoin(ssoConnections, eq(ssoConnections.tenantId, tenants.id))
    .where(eq(tenants.id, holder.tenantId))
  // With single sign-on required the password opens nothing but a break-glass admin's session: on to the sign-in page.
  if (tenant?.requireSso && !(changed.breakGlass && changed.role === 'Admin')) return { ok: true, purpose, next: null }
  const next = await nextSignInStep(db, {
    tenantId: holder.tenantId,
    userId: holder.userId,
    role: changed.role,
    policy: tenant?.policy ?? 'off',
    sessionVersion: changed.sessionVersion,
    identifier: holder.username,
    client,
    factor: 'invitation',
  })
  return { ok: true, purpose, next }
}
