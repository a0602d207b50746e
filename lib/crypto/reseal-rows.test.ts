import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/db/client'
import { ssoConnections, userTotp } from '@/db/schema'
import { createTestUser, createTestWorkspace } from '@/testing/fixtures'
import { TOTP_SEALED, totpSetupSecret } from '@/lib/auth/two-factor'
import { SSO_SECRET_SEALED, sealClientSecret } from '@/lib/sso/identity-provider'
import { keyringFrom, openWith } from './keyring'
import { appKeyring } from './sip-secret'
import { resealRows } from './reseal-rows'

describe('resealRows (npm run keys:rotate)', () => {
  it('re-seals authenticator-app secrets under the new key; they open to the same secret, bound to their owner', async () => {
    const db = await getDb()
    const ws = await createTestWorkspace(db, 'reseal')
    const user = await createTestUser(db, ws.tenantId)
    const secret = (await totpSetupSecret(db, ws.tenantId, user.id))!
    const ring = keyringFrom(Buffer.alloc(32, 9).toString('base64'), [process.env.APP_ENCRYPTION_KEY!])
    // One workspace only: other tests' secrets in a shared database stay under the key the app knows.
    expect(await resealRows(db, ring, TOTP_SEALED, { tenantId: ws.tenantId })).toBe(1)
    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.id))
    expect(row!.secretKeyId).toBe(ring.currentId)
    expect(openWith(ring, { ciphertext: row!.secretCiphertext, keyId: row!.secretKeyId }, TOTP_SEALED.aad(ws.tenantId, user.id))).toBe(
      secret,
    )
    // A second run finds nothing left under the old key.
    expect(await resealRows(db, ring, TOTP_SEALED, { tenantId: ws.tenantId })).toBe(0)
  })
})

it('re-seals single sign-on client secrets (one row per workspace, keyed by the workspace itself)', async () => {
  const db = await getDb()
  const ws = await createTestWorkspace(db, 'reseal-sso')
  await db.insert(ssoConnections).values({
    tenantId: ws.tenantId,
    issuerUrl: 'https://idp.example.com',
    clientId: 'c',
    displayName: 'IdP',
    ...sealClientSecret(appKeyring(), ws.tenantId, 'the-client-secret'),
  })
  const ring = keyringFrom(Buffer.alloc(32, 9).toString('base64'), [process.env.APP_ENCRYPTION_KEY!])
  expect(await resealRows(db, ring, SSO_SECRET_SEALED, { tenantId: ws.tenantId })).toBe(1)
  const [row] = await db.select().from(ssoConnections).where(eq(ssoConnections.tenantId, ws.tenantId))
  expect(row!.clientSecretKeyId).toBe(ring.currentId)
  expect(
    openWith(
      ring,
      { ciphertext: row!.clientSecretCiphertext, keyId: row!.clientSecretKeyId },
      SSO_SECRET_SEALED.aad(ws.tenantId, ws.tenantId),
    ),
  ).toBe('the-client-secret')
})
