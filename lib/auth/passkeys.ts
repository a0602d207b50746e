import 'server-only'
import { and, asc, eq, sql } from 'drizzle-orm'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import type { Db, Queryable } from '@/db/client'
import { passkeys, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import { openWith, sealWith } from '@/lib/crypto/keyring'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { publicUrl } from '@/lib/config/public-url'
import { conflict, invalid, notFound, type Result } from '@/lib/validation/result'
import type { Actor } from './actor'
import { setPendingChallenge, type PendingSignIn } from './pending-sign-in'
import { policyCovers, replaceRecoveryCodes, twoFactorPolicyOf, twoFactorStatus } from './two-factor'

/**
 * Passkeys (WebAuthn) as a second factor, through @simplewebauthn/server.
 * The relying party is the portal's public URL (NEXTAUTH_URL): its host is
 * the RP ID, its origin the only one accepted. Registration's challenge goes
 * to the browser sealed (a "ticket" bound to the user and this session, 5
 * minutes), so no server state is needed between the two steps; sign-in's
 * is kept on the pending sign-in.
 */
const relyingParty = () => {
  const url = new URL(publicUrl())
  return { rpID: url.hostname, origin: url.origin, rpName: 'Switchboard' }
}

const TICKET_SECONDS = 300
const ticketAad = (me: Actor & { sessionId: string }) => `passkey-registration:${me.tenantId}:${me.userId}:${me.sessionId}`

export interface PasskeyRow {
  id: string
  name: string
  createdAt: Date
  lastUsedAt: Date | null
}

export async function listPasskeys(db: Queryable, tenantId: string, userId: string): Promise<PasskeyRow[]> {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.userId, userId)))
    .orderBy(asc(passkeys.createdAt))
}

/** My account › `Add a passkey`, step 1: the browser's creation options and the sealed challenge to send back. */
export async function passkeyRegistrationOptions(
  db: Queryable,
  me: Actor & { sessionId: string },
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; ticket: string }> {
  const [user] = await db
    .select({ username: users.username, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId)))
  const existing = await db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(and(eq(passkeys.tenantId, me.tenantId), eq(passkeys.userId, me.userId)))
  const rp = relyingParty()
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user?.username ?? me.label,
    userDisplayName: user?.fullName,
    userID: new TextEncoder().encode(me.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  })
  const sealed = sealWith(
    appKeyring(),
    JSON.stringify({ challenge: options.challenge, until: Date.now() + TICKET_SECONDS * 1000 }),
    ticketAad(me),
  )
  return { options, ticket: `${sealed.keyId}.${sealed.ciphertext}` }
}

const parseJson = (raw: unknown): unknown => {
  if (typeof raw !== 'string' || raw.length > 20_000) return null
  try {
    return JSON.parse(raw)
  } catch {
    return null
  }
}

/**
 * Step 2: the authenticator's answer. Verified against the sealed challenge,
 * the RP ID and the origin; the passkey is kept (public key, counter). When
 * it is the user's first second factor, ten recovery codes come back to show once.
 */
export async function registerPasskey(
  db: Db,
  me: Actor & { sessionId: string },
  input: { response: unknown; ticket: unknown; name: unknown },
): Promise<Result<{ recoveryCodes: string[] | null }, 'name'>> {
  const name = typeof input.name === 'string' ? input.name.trim() : ''
  if (!name || name.length > 60) return invalid({ name: 'Give the passkey a name of up to 60 characters (e.g. “Work laptop”).' })
  const ticket = typeof input.ticket === 'string' ? input.ticket : ''
  const dot = ticket.indexOf('.')
  let challenge: string | null = null
  try {
    const opened = JSON.parse(
      openWith(appKeyring(), { keyId: ticket.slice(0, dot), ciphertext: ticket.slice(dot + 1) }, ticketAad(me)),
    ) as {
      challenge: string
      until: number
    }
    if (opened.until > Date.now()) challenge = opened.challenge
  } catch {
    challenge = null
  }
  if (!challenge) return conflict('That took too long: choose Add a passkey again.')
  const response = parseJson(input.response) as RegistrationResponseJSON | null
  if (!response || typeof response !== 'object') return conflict('The browser’s answer was not readable. Try again.')
  const rp = relyingParty()
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
    })
  } catch {
    return conflict('The passkey could not be verified. Try again.')
  }
  if (!verified.verified) return conflict('The passkey could not be verified. Try again.')
  const credential = verified.registrationInfo.credential
  return db.transaction(async (tx) => {
    const before = await twoFactorStatus(tx, me.tenantId, me.userId)
    const added = await tx
      .insert(passkeys)
      .values({
        tenantId: me.tenantId,
        userId: me.userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id })
    if (!added.length) return conflict('This passkey is already registered.')
    await recordAudit(tx, {
      tenantId: me.tenantId,
      actor: me,
      action: 'user.passkey_add',
      entityType: 'user',
      entityId: me.userId,
      after: { name },
    })
    const recoveryCodes = before.on ? null : await replaceRecoveryCodes(tx, me.tenantId, me.userId)
    return { ok: true as const, recoveryCodes }
  })
}

/** Removes one of one's own passkeys; not the last second factor while the workspace requires one. */
export async function removePasskey(db: Db, me: Actor, passkeyId: string): Promise<Result> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: passkeys.id, name: passkeys.name })
      .from(passkeys)
      .where(and(eq(passkeys.tenantId, me.tenantId), eq(passkeys.userId, me.userId), eq(passkeys.id, passkeyId)))
    if (!row) return notFound('This passkey no longer exists.')
    const status = await twoFactorStatus(tx, me.tenantId, me.userId)
    const [user] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.tenantId, me.tenantId), eq(users.id, me.userId)))
    if (!status.totp && status.passkeys === 1 && user && policyCovers(await twoFactorPolicyOf(tx, me.tenantId), user.role)) {
      return conflict('Your workspace requires two-factor authentication: add an authenticator app or another passkey first.')
    }
    await tx.delete(passkeys).where(and(eq(passkeys.tenantId, me.tenantId), eq(passkeys.id, passkeyId)))
    await recordAudit(tx, {
      tenantId: me.tenantId,
      actor: me,
      action: 'user.passkey_remove',
      entityType: 'user',
      entityId: me.userId,
      after: { name: row.name },
    })
    return { ok: true as const }
  })
}

/** The sign-in's second step, `Use a passkey`: options for the user's passkeys; the challenge is kept on the pending sign-in. */
export async function passkeySignInOptions(db: Queryable, pending: PendingSignIn): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const keys = await db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(and(eq(passkeys.tenantId, pending.tenantId), eq(passkeys.userId, pending.userId)))
  if (!keys.length) return null
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports as never })),
    userVerification: 'preferred',
  })
  await setPendingChallenge(db, pending, options.challenge)
  return options
}

/** Checks the passkey's answer at the sign-in's second step; true when it is one of the user's and signed this step's challenge. */
export async function verifyPasskeySignIn(db: Queryable, pending: PendingSignIn, raw: unknown): Promise<boolean> {
  const response = parseJson(raw) as AuthenticationResponseJSON | null
  if (!response || typeof response !== 'object' || typeof response.id !== 'string' || !pending.challenge) return false
  const [key] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.tenantId, pending.tenantId), eq(passkeys.userId, pending.userId), eq(passkeys.credentialId, response.id)))
  if (!key) return false
  const rp = relyingParty()
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: { id: key.credentialId, publicKey: new Uint8Array(key.publicKey), counter: key.counter, transports: key.transports },
    })
    if (!result.verified) return false
    await db
      .update(passkeys)
      .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: sql`now()` })
      .where(and(eq(passkeys.tenantId, key.tenantId), eq(passkeys.id, key.id)))
    return true
  } catch {
    return false
  }
}
