import 'server-only'
import crypto from 'node:crypto'

const PREFIX_LENGTH = 10

/** A new API token: `sb_` + 32 random bytes, base64url (46 characters in all). */
export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = `sb_${crypto.randomBytes(32).toString('base64url')}`
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX_LENGTH) }
}

/**
 * SHA-256, hex. A token is 256 random bits, so a fast unsalted hash is enough
 * (nothing to brute-force), and it lets a request find its token by hash.
 */
export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The token from an `Authorization: Bearer sb_…` header, or null for anything else. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(sb_[A-Za-z0-9_-]{43})\s*$/.exec(header ?? '')
  return match ? match[1]! : null
}
