import { isIP } from 'node:net'
import { CLIENT_IP_HEADER } from './client-address'

export interface ClientInfo {
  /** A valid IPv4/IPv6 address, or null. */
  ip: string | null
  userAgent: string
}

type HeaderSource = { get(name: string): string | null }

/**
 * The client as login events, throttles and the audit trail record it. The
 * address comes only from CLIENT_IP_HEADER, which our own server in front of
 * Next (scripts/serve.ts) sets from the socket and TRUSTED_PROXIES, never
 * from a header the client could write (X-Forwarded-For is forgeable).
 */
export function clientInfoFrom(headers: HeaderSource): ClientInfo {
  const ip = (headers.get(CLIENT_IP_HEADER) ?? '').trim()
  return {
    ip: isIP(ip) ? ip : null,
    userAgent: (headers.get('user-agent') ?? '').slice(0, 512),
  }
}
