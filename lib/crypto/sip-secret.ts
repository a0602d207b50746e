import 'server-only'
import { loadSecrets } from '@/lib/config/secrets'
import { keyringFrom, openWith, sealWith, type Keyring } from '@/lib/crypto/keyring'
import { sipSecretAad, type SealedSecret } from '@/lib/crypto/secret-box'

let cached: Keyring | undefined
/** The app's keyring, from APP_ENCRYPTION_KEY (+ _KEYS_PREVIOUS) or the embedded secrets file. */
export function appKeyring(): Keyring {
  if (!cached) {
    const secrets = loadSecrets()
    cached = keyringFrom(secrets.encryptionKey, secrets.previousEncryptionKeys)
  }
  return cached
}

/** Seals an extension's SIP password, bound to its tenant and id. */
export function sealSipSecret(ring: Keyring, tenantId: string, extensionId: string, plaintext: string) {
  const sealed = sealWith(ring, plaintext, sipSecretAad(tenantId, extensionId))
  return { sipSecretCiphertext: sealed.ciphertext, sipSecretKeyId: sealed.keyId }
}

export function openSipSecret(ring: Keyring, tenantId: string, extensionId: string, sealed: SealedSecret): string {
  return openWith(ring, sealed, sipSecretAad(tenantId, extensionId))
}
