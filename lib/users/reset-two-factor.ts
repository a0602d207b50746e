import 'server-only'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { OUTRANKED_MESSAGE, rightsOfUsers, withinRights } from '@/lib/auth/privilege'
import { removeSecondFactors } from '@/lib/auth/two-factor'
import { forbidden, notFound, refuse, type Result } from '@/lib/validation/result'

const GONE = 'This user no longer exists.'

/**
 * `Reset two-factor` on a user's page (`users.update`): removes their
 * authenticator app, passkeys and recovery codes, so they can sign in with
 * their password and set it up again (the policy then sends them to setup).
 * Only for a user with no more rights than the actor; never oneself (that is
 * My account, with a code). Audited.
 */
export async function resetTwoFactor(db: Db, actor: Actor, userId: string): Promise<Result> {
  if (!actor.permissions.has('users.update')) return forbidden()
  if (userId === actor.userId) return refuse('conflict', 'Turn your own two-factor authentication off in My account.')
  return db.transaction(async (tx): Promise<Result> => {
    const [target] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId), isNull(users.deletedAt)))
      .for('update')
    const rights = (await rightsOfUsers(tx, actor, [userId])).get(userId)
    if (!target || !rights) return notFound(GONE)
    // Out of reach is as if not there (the API answers 404).
    if (!withinRights(actor.permissions, rights)) return refuse('not_found', OUTRANKED_MESSAGE)
    if (!(await removeSecondFactors(tx, actor.tenantId, userId)))
      return refuse('conflict', 'This user has no two-factor authentication to reset.')
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'user.two_factor_reset', entityType: 'user', entityId: userId })
    return { ok: true }
  })
}
