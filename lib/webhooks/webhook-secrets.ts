import 'server-only'
import { openWith, sealWith, type Keyring } from '@/lib/crypto/keyring'
import type { SealedColumn } from '@/lib/crypto/reseal-rows'
import { checkOutboundUrl, parseHostAllowList, type HostAllowList } from '@/lib/http/outbound'

/**
 * A webhook's signing secrets, sealed like SIP secrets (we sign with them, so
 * they can't be hashes), each bound to its workspace and webhook; and where
 * webhooks may point (`WEBHOOK_ALLOWED_HOSTS`).
 */

const aad = (which: 'current' | 'previous') => (tenantId: string, webhookId: string) =>
  `webhook-secret${which === 'previous' ? '-previous' : ''}:${tenantId}:${webhookId}`

export function sealSecret(ring: Keyring, tenantId: string, webhookId: string, secret: string, which: 'current' | 'previous' = 'current') {
  const sealed = sealWith(ring, secret, aad(which)(tenantId, webhookId))
  return { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId }
}

export function openSecret(
  ring: Keyring,
  tenantId: string,
  webhookId: string,
  sealed: { ciphertext: string; keyId: string },
  which: 'current' | 'previous' = 'current',
): string {
  return openWith(ring, sealed, aad(which)(tenantId, webhookId))
}

/** For `npm run keys:rotate` (lib/crypto/reseal-rows.ts): the current and the previous secret. */
export const WEBHOOK_SECRETS_SEALED: SealedColumn[] = [
  { table: 'webhooks', idColumn: 'id', ciphertextColumn: 'secret_ciphertext', keyIdColumn: 'secret_key_id', aad: aad('current') },
  {
    table: 'webhooks',
    idColumn: 'id',
    ciphertextColumn: 'previous_secret_ciphertext',
    keyIdColumn: 'previous_secret_key_id',
    aad: aad('previous'),
  },
]

let allowList: HostAllowList | undefined
/** `WEBHOOK_ALLOWED_HOSTS`: on-premise receivers (a PBX on the LAN) that may use http and private addresses. */
export const webhookAllowList = () => (allowList ??= parseHostAllowList(process.env.WEBHOOK_ALLOWED_HOSTS, 'WEBHOOK_ALLOWED_HOSTS'))

/** Throws OutboundRefused with a sentence for the form when the URL can't be a webhook's. */
export function checkWebhookUrl(raw: string): URL {
  return checkOutboundUrl(raw, webhookAllowList())
}
