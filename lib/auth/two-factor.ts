import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { passkeys, recoveryCodes, tenants, userTotp, type Role } from '@/db/schema'
import { openWith, sealWith } from '@/lib/crypto/keyring'
import { appKeyring } from '@/lib/crypto/sip-secret'
import type { SealedColumn } from '@/lib/crypto/reseal-rows'
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret } from './totp'

/**
 * A user's second factors: an authenticator app (TOTP), passkeys, and the
 * recovery codes that stand in for either once each. Two-factor is "on" when
 * the app is confirmed or a passkey is registered.
 */
export type TwoFactorPolicy = 'off' | 'admins' | 'everyone'
export const TWO_FACTOR_POLICIES = ['off', 'admins', 'everyone'] as const satisfies readonly TwoFactorPolicy[]

/** Whether the workspace's policy requires two-factor of a user of `role`. */
export const policyCovers = (policy: string, role: Role) => policy === 'everyone' || (policy === 'admins' && role === 'Admin')

export async function twoFactorPolicyOf(db: Queryable, tenantId: string): Promise<TwoFactorPolicy> {
  const [row] = await db.select({ policy: tenants.twoFactorPolicy }).from(tenants).where(eq(tenants.id, tenantId))
  return (row?.policy ?? 'off') as TwoFactorPolicy
}

const totpAad = (tenantId: string, userId: string) => `totp:${tenantId}:${userId}`

/** For `npm run keys:rotate`: where the authenticator-app secrets are sealed (lib/crypto/reseal-rows.ts). */
export const TOTP_SEALED: SealedColumn = {
  table: 'user_totp',
  idColumn: 'user_id',
  ciphertextColumn: 'secret_ciphertext',
  keyIdColumn: 'secret_key_id',
  aad: totpAad,
}

export interface TwoFactorStatus {
  totp: boolean
  passkeys: number
  recoveryCodesLeft: number
  on: boolean
}

export async function twoFactorStatus(db: Queryable, tenantId: string, userId: string): Promise<TwoFactorStatus> {
  const [row] = await db
    .execute(
      sql`
    SELECT
      EXISTS (SELECT 1 FROM user_totp WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND confirmed_at IS NOT NULL) AS totp,
      (SELECT count(*)::int FROM passkeys WHERE tenant_id = ${tenantId} AND user_id = ${userId}) AS passkeys,
      (SELECT count(*)::int FROM recovery_codes WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND used_at IS NULL) AS codes`,
    )
    .then((r) => (r as unknown as { rows: { totp: boolean; passkeys: number; codes: number }[] }).rows)
  const totp = row?.totp ?? false
  const keys = row?.passkeys ?? 0
  return { totp, passkeys: keys, recoveryCodesLeft: row?.codes ?? 0, on: totp || keys > 0 }
}

/** The authenticator-app secret being set up (unconfirmed): a new one unless one is already waiting. */
export async function totpSetupSecret(db: Queryable, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId)))
  if (row?.confirmedAt) return null
  if (row) return openWith(appKeyring(), { ciphertext: row.secretCiphertext, keyId: row.secretKeyId }, totpAad(tenantId, userId))
  const secret = newTotpSecret()
  const sealed = sealWith(appKeyring(), secret, totpAad(tenantId, userId))
  await db
    .insert(userTotp)
    .values({ tenantId, userId, secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId })
    .onConflictDoNothing()
  // A concurrent request may have inserted first: read what is there.
  const [saved] = await db
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId)))
  return saved && !saved.confirmedAt
    ? openWith(appKeyring(), { ciphertext: saved.secretCiphertext, keyId: saved.secretKeyId }, totpAad(tenantId, userId))
    : null
}

/**
 * Confirms the app with a code from it: two-factor is on, and ten new
 * recovery codes are returned (once: only their hashes are kept). Null when the code is wrong.
 */
export async function confirmTotp(db: Queryable, tenantId: string, userId: string, code: string): Promise<string[] | null> {
  const [row] = await db
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId), isNull(userTotp.confirmedAt)))
  if (!row) return null
  const secret = openWith(appKeyring(), { ciphertext: row.secretCiphertext, keyId: row.secretKeyId }, totpAad(tenantId, userId))
  const step = matchTotp(secret, code)
  if (step === null) return null
  const confirmed = await db
    .update(userTotp)
    .set({ confirmedAt: sql`now()`, lastStep: step })
    .where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId), isNull(userTotp.confirmedAt)))
    .returning({ userId: userTotp.userId })
  if (!confirmed.length) return null
  return replaceRecoveryCodes(db, tenantId, userId)
}

export async function replaceRecoveryCodes(db: Queryable, tenantId: string, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes()
  await db.delete(recoveryCodes).where(and(eq(recoveryCodes.tenantId, tenantId), eq(recoveryCodes.userId, userId)))
  await db.insert(recoveryCodes).values(codes.map((c) => ({ tenantId, userId, codeHash: hashRecoveryCode(c) })))
  return codes
}

/**
 * Checks a code typed at sign-in (or to turn two-factor off): an app code
 * newer than the last one accepted, or an unused recovery code, which is then
 * spent. Says which it was, or null.
 */
export async function checkSecondFactorCode(
  db: Queryable,
  tenantId: string,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  const typed = code.trim()
  if (typed.length === 0 || typed.length > 64) return null
  if (/^\d[\d\s]*$/.test(typed)) {
    const [row] = await db
      .select()
      .from(userTotp)
      .where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId), sql`${userTotp.confirmedAt} IS NOT NULL`))
    if (!row) return null
    const secret = openWith(appKeyring(), { ciphertext: row.secretCiphertext, keyId: row.secretKeyId }, totpAad(tenantId, userId))
    const step = matchTotp(secret, typed)
    if (step === null) return null
    // Only a step after the last accepted one: the same code (or an older one) twice is a replay.
    const moved = await db
      .update(userTotp)
      .set({ lastStep: step })
      .where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId), sql`${userTotp.lastStep} < ${step}`))
      .returning({ userId: userTotp.userId })
    return moved.length ? 'totp' : null
  }
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.tenantId, tenantId),
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(typed)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ userId: recoveryCodes.userId })
  return spent.length ? 'recovery_code' : null
}

/** Removes every second factor of the user (turn off, admin reset). */
export async function removeSecondFactors(db: Queryable, tenantId: string, userId: string): Promise<boolean> {
  const status = await twoFactorStatus(db, tenantId, userId)
  await db.delete(userTotp).where(and(eq(userTotp.tenantId, tenantId), eq(userTotp.userId, userId)))
  await db.delete(recoveryCodes).where(and(eq(recoveryCodes.tenantId, tenantId), eq(recoveryCodes.userId, userId)))
  await db.delete(passkeys).where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.userId, userId)))
  return status.on
}
