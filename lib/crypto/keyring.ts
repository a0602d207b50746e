import 'server-only'
import { keyIdOf, open, parseKey, seal, type SealedSecret } from './secret-box'

/**
 * The encryption keys in use: the current one seals, and any of them opens a
 * secret by the key id stored beside it. During a rotation the previous keys
 * stay readable until `npm run keys:rotate` has re-sealed everything.
 */
export interface Keyring {
  current: Buffer
  currentId: string
  byId: ReadonlyMap<string, Buffer>
}

export function keyringFrom(current: string, previous: readonly string[] = []): Keyring {
  const key = parseKey(current)
  const byId = new Map<string, Buffer>()
  for (const k of [...previous, current]) {
    const parsed = parseKey(k)
    byId.set(keyIdOf(parsed), parsed)
  }
  return { current: key, currentId: keyIdOf(key), byId }
}

export const sealWith = (ring: Keyring, plaintext: string, aad: string): SealedSecret => seal(plaintext, ring.current, aad)

/** Throws when the key is unknown (not current, not previous) or the secret doesn't authenticate. */
export function openWith(ring: Keyring, sealed: SealedSecret, aad: string): string {
  const key = ring.byId.get(sealed.keyId)
  if (!key) throw new Error(`No key ${sealed.keyId} in APP_ENCRYPTION_KEY or APP_ENCRYPTION_KEYS_PREVIOUS`)
  return open(sealed, key, aad)
}
