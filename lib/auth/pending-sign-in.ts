import 'server-only'
import crypto from 'node:crypto'
import { and, eq, isNull, lt, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { pendingSignIns, tenants, users } from '@/db/schema'

/**
 * Half-signed-in: the password was right and a second factor (or its
 * required setup) is still to come. The browser holds a random token in a
 * cookie of its own (only the sign-in pages read it); the database keeps its
 * hash. It is no session: requireUser and every action ignore it.
 */
export const PENDING_SIGN_IN_SECONDS = 600
export type PendingPurpose = 'verify' | 'setup'

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

export async function startPendingSignIn(
  db: Queryable,
  p: { tenantId: string; userId: string; sessionVersion: number; purpose: PendingPurpose; identifier: string },
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  // One half-finished sign-in per user: a new password step replaces the last.
  await db.delete(pendingSignIns).where(and(eq(pendingSignIns.tenantId, p.tenantId), eq(pendingSignIns.userId, p.userId)))
  // Now and then, drop long-expired ones of everyone.
  if (Math.random() < 0.05) await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, sql`now() - interval '1 day'`))
  await db.insert(pendingSignIns).values({
    tenantId: p.tenantId,
    userId: p.userId,
    tokenHash: hashToken(token),
    sessionVersion: p.sessionVersion,
    purpose: p.purpose,
    identifier: p.identifier.slice(0, 254),
    expiresAt: sql`now() + make_interval(secs => ${PENDING_SIGN_IN_SECONDS})`,
  })
  return token
}

export interface PendingSignIn {
  id: string
  tenantId: string
  userId: string
  purpose: PendingPurpose
  identifier: string
  challenge: string | null
  username: string
  fullName: string
  workspaceSlug: string
  workspaceName: string
}

/** The pending sign-in of this token, while it is fresh and its user still active with the same session version. */
export async function loadPendingSignIn(db: Queryable, token: string | undefined | null): Promise<PendingSignIn | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const [row] = await db
    .select({
      id: pendingSignIns.id,
      tenantId: pendingSignIns.tenantId,
      userId: pendingSignIns.userId,
      purpose: pendingSignIns.purpose,
      identifier: pendingSignIns.identifier,
      challenge: pendingSignIns.challenge,
      username: users.username,
      fullName: users.fullName,
      workspaceSlug: tenants.slug,
      workspaceName: tenants.name,
    })
    .from(pendingSignIns)
    .innerJoin(users, and(eq(users.tenantId, pendingSignIns.tenantId), eq(users.id, pendingSignIns.userId)))
    .innerJoin(tenants, eq(tenants.id, pendingSignIns.tenantId))
    .where(
      and(
        eq(pendingSignIns.tokenHash, hashToken(token)),
        sql`${pendingSignIns.expiresAt} > now()`,
        eq(users.status, 'active'),
        isNull(users.deletedAt),
        eq(users.sessionVersion, pendingSignIns.sessionVersion),
      ),
    )
    .limit(1)
  return row ? { ...row, purpose: row.purpose as PendingPurpose } : null
}

/** Remembers the WebAuthn challenge offered on this step (the passkey's answer must sign it). */
export async function setPendingChallenge(db: Queryable, pending: PendingSignIn, challenge: string): Promise<void> {
  await db
    .update(pendingSignIns)
    .set({ challenge })
    .where(and(eq(pendingSignIns.tenantId, pending.tenantId), eq(pendingSignIns.id, pending.id)))
}

/** Ends it: exactly one of two racing completions gets true. */
export async function endPendingSignIn(db: Queryable, pending: Pick<PendingSignIn, 'tenantId' | 'id'>): Promise<boolean> {
  const gone = await db
    .delete(pendingSignIns)
    .where(and(eq(pendingSignIns.tenantId, pending.tenantId), eq(pendingSignIns.id, pending.id)))
    .returning({ id: pendingSignIns.id })
  return gone.length > 0
}
