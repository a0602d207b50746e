import 'server-only'
import crypto from 'node:crypto'

/**
 * AES-256-GCM for secrets admins must be able to read back (SIP passwords).
 * Envelope: `iv.tag.ciphertext`, base64url; the caller binds the value to its
 * owner (tenant and row id) as additional authenticated data, so a ciphertext
 * copied onto another row does not decrypt.
 */
export interface SealedSecret {
  ciphertext: string
  keyId: string
}

export function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('base64url').slice(0, 12)
}

export function parseKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64')
  if (key.length !== 32) throw new Error('Encryption key must be 32 bytes')
  return key
}

export function seal(plaintext: string, key: Buffer, aad: string): SealedSecret {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return {
    ciphertext: [iv, tag, ct].map((b) => b.toString('base64url')).join('.'),
    keyId: keyIdOf(key),
  }
}

/** Throws when the key, AAD or any part of the envelope is wrong. */
export function open(sealed: SealedSecret, key: Buffer, aad: string): string {
  if (sealed.keyId !== keyIdOf(key)) throw new Error(`Secret was sealed with key ${sealed.keyId}`)
  const parts = sealed.ciphertext.split('.')
  if (parts.length !== 3) throw new Error('Malformed sealed secret')
  const [iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer]
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8')
}

/** The AAD of an extension's SIP secret. */
export function sipSecretAad(tenantId: string, extensionId: string): string {
  return `sip-secret:${tenantId}:${extensionId}`
}

/** A random password from an unambiguous alphabet. */
export function generateSecret(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[crypto.randomInt(alphabet.length)]
  return out
}
