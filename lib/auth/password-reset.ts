import 'server-only'
import crypto from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { tenants, users } from '@/db/schema'
import type { ClientInfo } from '@/lib/http/client-info'
import { enqueueMail } from '@/lib/mail/mail-outbox'
import { passwordResetMail } from '@/lib/mail/mail-templates'
import { invalid, type Result } from '@/lib/validation/result'
import { recordFailure, isThrottled, userKey } from './throttle'
import { issueUserLink } from './user-links'

/**
 * Sign-in › Forgot password? › `Send reset link`. The answer is the same
 * whether or not the account exists, and whether or not a limit was hit:
 * nothing here tells anyone who has an account. Requests are counted (not
 * only failures) per email address, per account and per client address.
 */
export const RESET_REQUESTED_MESSAGE =
  'If an account exists for that email address in that workspace, we have sent it a link to reset the password. It works for an hour.'

export const RESET_LIMITS = { perEmail: 3, perAccount: 3, perIp: 20 } as const

const resetSchema = z.object({
  workspace: z.string().trim().toLowerCase().min(1, 'Enter your workspace.').max(63, 'Enter your workspace.'),
  email: z.string().trim().max(254, 'Enter an email address.').pipe(z.email('Enter an email address.')),
})

const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

export async function requestPasswordReset(
  db: Db,
  raw: unknown,
  client: ClientInfo,
): Promise<Result<{ queued: boolean }, 'workspace' | 'email'>> {
  const parsed = resetSchema.safeParse(raw)
  if (!parsed.success) {
    const fieldErrors: Partial<Record<'workspace' | 'email', string>> = {}
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as 'workspace' | 'email'] ??= issue.message
    return invalid(fieldErrors)
  }
  const { workspace, email } = parsed.data
  const emailKey = `reset-email:${digest(`${workspace}\u0000${email.toLowerCase()}`)}`
  const ipKey = client.ip ? `reset-ip:${digest(client.ip)}` : null
  const keys = ipKey ? [emailKey, ipKey] : [emailKey]
  if (await isThrottled(db, keys)) return { ok: true, queued: false }
  await recordFailure(db, emailKey, RESET_LIMITS.perEmail)
  if (ipKey) await recordFailure(db, ipKey, RESET_LIMITS.perIp)

  const [found] = await db
    .select({
      tenantId: tenants.id,
      workspaceName: tenants.name,
      timeZone: tenants.timeZone,
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(
      and(
        eq(tenants.slug, workspace),
        eq(sql`lower(${users.email})`, email.toLowerCase()),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
      ),
    )
    .limit(1)
  if (!found) return { ok: true, queued: false }
  // The account's own budget: its email typed any way is one door.
  const accountKey = `reset-${userKey(found.tenantId, found.userId)}`
  if (await isThrottled(db, [accountKey])) return { ok: true, queued: false }
  await recordFailure(db, accountKey, RESET_LIMITS.perAccount)

  await db.transaction(async (tx) => {
    const link = await issueUserLink(tx, { tenantId: found.tenantId, userId: found.userId, purpose: 'password_reset' })
    await enqueueMail(tx, {
      tenantId: found.tenantId,
      kind: 'password_reset',
      to: found.email,
      content: passwordResetMail({
        workspace: found.workspaceName,
        fullName: found.fullName,
        expiresAt: link.expiresAt,
        timeZone: found.timeZone,
      }),
      link,
    })
  })
  return { ok: true, queued: true }
}
