import 'server-only'
import { eq } from 'drizzle-orm'
import * as oidc from 'openid-client'
import type { Queryable } from '@/db/client'
import { ssoConnections, tenants } from '@/db/schema'
import type { Keyring } from '@/lib/crypto/keyring'
import { openWith, sealWith } from '@/lib/crypto/keyring'
import type { SealedColumn } from '@/lib/crypto/reseal-rows'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { checkOutboundUrl, outboundFetch, parseHostAllowList, type HostAllowList } from '@/lib/http/outbound'

/**
 * A workspace's OpenID Connect provider, as openid-client's Configuration:
 * discovered from the issuer URL through the outbound guard (https, no private
 * addresses unless `SSO_ALLOWED_HOSTS` names the host), kept for five minutes
 * per instance and connection version (a save discovers it anew).
 */

const secretAad = (tenantId: string) => `sso-client-secret:${tenantId}`

export function sealClientSecret(ring: Keyring, tenantId: string, secret: string) {
  const sealed = sealWith(ring, secret, secretAad(tenantId))
  return { clientSecretCiphertext: sealed.ciphertext, clientSecretKeyId: sealed.keyId }
}

/** For `npm run keys:rotate`: where client secrets are sealed (lib/crypto/reseal-rows.ts). */
export const SSO_SECRET_SEALED: SealedColumn = {
  table: 'sso_connections',
  idColumn: 'tenant_id',
  ciphertextColumn: 'client_secret_ciphertext',
  keyIdColumn: 'client_secret_key_id',
  aad: secretAad,
}

let allowList: HostAllowList | undefined
/** `SSO_ALLOWED_HOSTS`: identity providers on the operator's own network (http and private addresses allowed for them). */
export const ssoAllowList = () => (allowList ??= parseHostAllowList(process.env.SSO_ALLOWED_HOSTS, 'SSO_ALLOWED_HOSTS'))

/** Throws OutboundRefused with a sentence for the form when the issuer URL can't be used. */
export function checkIssuerUrl(raw: string): URL {
  return checkOutboundUrl(raw, ssoAllowList())
}

export interface Connection {
  tenantId: string
  slug: string
  tenantName: string
  issuerUrl: string
  clientId: string
  clientSecret: string
  displayName: string
  createUsers: boolean
  requireSso: boolean
  version: number
}

/** The workspace (by its sign-in name) and its identity provider with the secret opened, or null. */
export async function connectionBySlug(db: Queryable, slug: string): Promise<Connection | null> {
  const [row] = await db
    .select({
      tenantId: tenants.id,
      slug: tenants.slug,
      tenantName: tenants.name,
      issuerUrl: ssoConnections.issuerUrl,
      clientId: ssoConnections.clientId,
      ciphertext: ssoConnections.clientSecretCiphertext,
      keyId: ssoConnections.clientSecretKeyId,
      displayName: ssoConnections.displayName,
      createUsers: ssoConnections.createUsers,
      requireSso: ssoConnections.requireSso,
      version: ssoConnections.version,
    })
    .from(ssoConnections)
    .innerJoin(tenants, eq(tenants.id, ssoConnections.tenantId))
    .where(eq(tenants.slug, slug))
  if (!row) return null
  const { ciphertext, keyId, ...rest } = row
  return { ...rest, clientSecret: openWith(appKeyring(), { ciphertext, keyId }, secretAad(row.tenantId)) }
}

const TTL_MS = 5 * 60_000
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>()

/** The provider's configuration (discovery), cached per instance for five minutes per saved version. */
export function providerConfig(c: Connection): Promise<oidc.Configuration> {
  const key = `${c.tenantId}:${c.version}`
  const hit = discovered.get(key)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.config
  const allow = ssoAllowList()
  const issuer = checkOutboundUrl(c.issuerUrl, allow)
  const config = oidc.discovery(issuer, c.clientId, undefined, oidc.ClientSecretPost(c.clientSecret), {
    [oidc.customFetch]: outboundFetch(allow),
    // Plain http only reaches hosts the operator allow-listed (checkOutboundUrl refused the rest).
    execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  })
  discovered.set(key, { at: Date.now(), config })
  // A failed discovery is not kept: the next sign-in tries again.
  config.catch(() => discovered.delete(key))
  return config
}
