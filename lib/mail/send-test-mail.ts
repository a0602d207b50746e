import 'server-only'
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { tenants, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { forbidden, notFound, type Result } from '@/lib/validation/result'
import { enqueueMail } from './mail-outbox'
import { testMail } from './mail-templates'

/**
 * Settings › Email › `Send test email` (`settings.manage`): to the admin's
 * own address only, so the button can't mail anyone else. Through the outbox
 * like every mail: it tests the real path. Audited.
 */
export async function sendTestMail(db: Db, actor: Actor): Promise<Result<{ to: string }>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  return db.transaction(async (tx) => {
    const [me] = await tx
      .select({ email: users.email, workspace: tenants.name })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, actor.userId)))
    if (!me) return notFound('Your account no longer exists.')
    await enqueueMail(tx, {
      tenantId: actor.tenantId,
      kind: 'test',
      to: me.email,
      content: testMail({ workspace: me.workspace, requestedBy: actor.label }),
    })
    await recordAudit(tx, { tenantId: actor.tenantId, actor, action: 'mail.test', entityType: 'mail', after: { to: me.email } })
    return { ok: true as const, to: me.email }
  })
}
