import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateSecret, keyIdOf, open, seal, sipSecretAad } from './secret-box'

const key = crypto.randomBytes(32)
const aad = sipSecretAad('tenant-a', 'ext-1')

function tamper(part: number, sealed: { ciphertext: string; keyId: string }) {
  const parts = sealed.ciphertext.split('.')
  const bytes = Buffer.from(parts[part]!, 'base64url')
  bytes[0] = bytes[0]! ^ 0x01
  parts[part] = bytes.toString('base64url')
  return { ...sealed, ciphertext: parts.join('.') }
}

describe('secret box (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = seal('s3cret-sip', key, aad)
    const b = seal('s3cret-sip', key, aad)
    expect(a.ciphertext).not.toBe(b.ciphertext)
    expect(open(a, key, aad)).toBe('s3cret-sip')
    expect(a.keyId).toBe(keyIdOf(key))
    expect(a.ciphertext).not.toContain('s3cret')
  })

  it('refuses a tampered IV, tag or ciphertext', () => {
    const sealed = seal('s3cret-sip', key, aad)
    for (const part of [0, 1, 2]) expect(() => open(tamper(part, sealed), key, aad)).toThrow()
  })

  it('refuses the secret of one extension read as another (AAD), or with another key', () => {
    const sealed = seal('s3cret-sip', key, aad)
    expect(() => open(sealed, key, sipSecretAad('tenant-a', 'ext-2'))).toThrow()
    expect(() => open(sealed, key, sipSecretAad('tenant-b', 'ext-1'))).toThrow()
    expect(() => open(sealed, crypto.randomBytes(32), aad)).toThrow()
  })

  it('generates secrets of the asked length from an unambiguous alphabet', () => {
    const s = generateSecret(24)
    expect(s).toHaveLength(24)
    expect(s).not.toMatch(/[0O1lI]/)
  })
})
