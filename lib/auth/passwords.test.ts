import { describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from './passwords'

describe('password hashing', () => {
  it('uses argon2id at or above the OWASP minimum (19 MiB, t=2, p=1)', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/)
    const [, m, t, p] = /m=(\d+),t=(\d+),p=(\d+)/.exec(hash)!.map(Number) as number[]
    expect(m).toBeGreaterThanOrEqual(19_456)
    expect(t).toBeGreaterThanOrEqual(2)
    expect(p).toBeGreaterThanOrEqual(1)
    expect(ARGON2_OPTIONS.memoryCost).toBe(19_456)
  })

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same-password-123')).not.toBe(await hashPassword('same-password-123'))
  })

  it('verifies the right password only', async () => {
    const hash = await hashPassword('right-password-123')
    expect(await verifyPassword(hash, 'right-password-123')).toBe(true)
    expect(await verifyPassword(hash, 'wrong-password-123')).toBe(false)
    expect(await verifyPassword(hash, '')).toBe(false)
  })

  it('treats a malformed hash as a wrong password, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false)
  })
})
