import 'server-only'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import type { ClientInfo } from '@/lib/http/client-info'
import { recordLoginEvent, type SignInFactor } from './login-events'
import { openDashboardSession } from './session-user'

export interface SignedIn {
  ok: true
  userId: string
  tenantId: string
  sessionVersion: number
  sessionId: string
}

/**
 * The last step of every sign-in (password alone, password + second factor,
 * an accepted invitation): one transaction opens the dashboard session,
 * stamps the last login and records the login event with the factor used.
 * The caller issues the cookie.
 */
export async function completeSignIn(
  db: Db,
  s: { tenantId: string; userId: string; identifier: string; client: ClientInfo; factor: SignInFactor },
): Promise<SignedIn> {
  return db.transaction(async (tx) => {
    const sessionId = await openDashboardSession(tx, {
      tenantId: s.tenantId,
      userId: s.userId,
      ip: s.client.ip,
      userAgent: s.client.userAgent,
    })
    const [user] = await tx
      .update(users)
      .set({ lastLoginAt: sql`now()` })
      .where(and(eq(users.tenantId, s.tenantId), eq(users.id, s.userId)))
      .returning({ sessionVersion: users.sessionVersion })
    await recordLoginEvent(tx, {
      tenantId: s.tenantId,
      userId: s.userId,
      identifier: s.identifier,
      kind: 'sign_in',
      outcome: 'success',
      factor: s.factor,
      client: s.client,
    })
    return { ok: true as const, userId: s.userId, tenantId: s.tenantId, sessionVersion: user!.sessionVersion, sessionId }
  })
}
