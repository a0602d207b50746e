import crypto from 'node:crypto'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { extensions } from '@/db/schema'
import { createTestWorkspace } from '@/testing/fixtures'
import { keyringFrom, openWith } from '@/lib/crypto/keyring'
import { sipSecretAad } from '@/lib/crypto/secret-box'
import { rotateSipSecrets, secretsOutsideCurrentKey } from './rotate-sip-secrets'
import { openSipSecret, sealSipSecret } from '@/lib/crypto/sip-secret'

let db: Db
beforeAll(async () => {
  db = await getDb()
})
const newKey = () => crypto.randomBytes(32).toString('base64')

describe('keyring', () => {
  it('seals with the current key and opens with any key it holds; an unknown key id is refused', () => {
    const oldKey = newKey()
    const old = keyringFrom(oldKey)
    const columns = sealSipSecret(old, 't', 'e', 'pw-123')
    const sealed = { ciphertext: columns.sipSecretCiphertext, keyId: columns.sipSecretKeyId }
    const rotated = keyringFrom(newKey(), [oldKey])
    expect(openSipSecret(rotated, 't', 'e', sealed)).toBe('pw-123')
    expect(() => openWith(keyringFrom(newKey()), sealed, sipSecretAad('t', 'e'))).toThrow(/No key/)
    // Bound to its extension: the same ciphertext on another extension doesn't open.
    expect(() => openSipSecret(rotated, 't', 'other-extension', sealed)).toThrow()
    expect(() => openSipSecret(rotated, 'other-tenant', 'e', sealed)).toThrow()
  })
})

describe('rotateSipSecrets', () => {
  it('re-seals every secret under the current key; old ciphertext reads during the rotation; values unchanged', async () => {
    const ws = await createTestWorkspace(db)
    const oldKey = newKey()
    const oldRing = keyringFrom(oldKey)
    const plain = new Map<string, string>()
    for (let i = 0; i < 7; i++) {
      const id = crypto.randomUUID()
      const pw = `sip-${i}-${crypto.randomBytes(4).toString('hex')}`
      plain.set(id, pw)
      await db.insert(extensions).values({ tenantId: ws.tenantId, id, number: `7${i}0`, ...sealSipSecret(oldRing, ws.tenantId, id, pw) })
    }
    const ring = keyringFrom(newKey(), [oldKey])
    // One workspace: other test files share this database on PostgreSQL, with secrets under their own keys.
    const scope = { tenantId: ws.tenantId }
    expect(await secretsOutsideCurrentKey(db, ring, scope)).toBeGreaterThanOrEqual(7)
    // Mid-rotation: both old and new ciphertexts open with the ring.
    const rows = await db.select().from(extensions).where(eq(extensions.tenantId, ws.tenantId))
    for (const r of rows)
      expect(openSipSecret(ring, ws.tenantId, r.id, { ciphertext: r.sipSecretCiphertext!, keyId: r.sipSecretKeyId! })).toBe(plain.get(r.id))

    expect(await rotateSipSecrets(db, ring, scope)).toBeGreaterThanOrEqual(7)
    expect(await secretsOutsideCurrentKey(db, ring, scope)).toBe(0)
    const after = await db.select().from(extensions).where(eq(extensions.tenantId, ws.tenantId))
    for (const r of after) {
      expect(r.sipSecretKeyId).toBe(ring.currentId)
      // Readable with the new key alone: the old one can go.
      expect(
        openSipSecret(keyringFrom(Buffer.from(ring.current).toString('base64')), ws.tenantId, r.id, {
          ciphertext: r.sipSecretCiphertext!,
          keyId: r.sipSecretKeyId!,
        }),
      ).toBe(plain.get(r.id))
    }
    expect(await rotateSipSecrets(db, ring, scope)).toBe(0)
  })

  it('stops, naming the extension, when a secret opens with no key of the ring', async () => {
    const ws = await createTestWorkspace(db)
    const id = crypto.randomUUID()
    await db
      .insert(extensions)
      .values({ tenantId: ws.tenantId, id, number: '799', ...sealSipSecret(keyringFrom(newKey()), ws.tenantId, id, 'lost') })
    await expect(rotateSipSecrets(db, keyringFrom(newKey()), { tenantId: ws.tenantId })).rejects.toThrow(/799/)
  })
})
