import 'server-only'
import crypto from 'node:crypto'
import * as OTPAuth from 'otpauth'

/**
 * TOTP (RFC 6238) through otpauth: 6 digits, 30 s steps, SHA-1 (what every
 * authenticator app reads from a QR code). A code is accepted one step either
 * side of now; the step it matched is returned so the caller can refuse a replay.
 */
export const TOTP_PERIOD = 30

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32
}

function totpOf(secret: string, label = 'user', issuer = 'Switchboard') {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) })
}

/** The otpauth:// URI the QR code holds: the app shows "Switchboard (workspace): username". */
export function totpUri(secret: string, p: { workspace: string; username: string }): string {
  return totpOf(secret, `${p.workspace}:${p.username}`, `Switchboard (${p.workspace})`).toString()
}

/** The time step a code matches (now ±1), or null. */
export function matchTotp(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totpOf(secret).validate({ token, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta
}

/** The code for a time (tests and the e2e support endpoint compute codes as an app would). */
export const totpCode = (secret: string, now = Date.now()) => totpOf(secret).generate({ timestamp: now })

/** Ten recovery codes, `xxxxx-xxxxx` from an unambiguous alphabet (50 bits each). */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const one = () => Array.from({ length: 10 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('')
  return Array.from({ length: 10 }, () => {
    const c = one()
    return `${c.slice(0, 5)}-${c.slice(5)}`
  })
}

/** A recovery code as typed (any case, spaces or dashes) → its stored hash. */
export function hashRecoveryCode(code: string): string {
  return crypto
    .createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex')
}
