import { isIP } from 'node:net'

export interface ClientInfo {
  /** A valid IPv4/IPv6 address, or null. */
  ip: string | null
  userAgent: string
}

type HeaderSource = { get(name: string): string | null }

/**
 * The client address is the right-most X-Forwarded-For entry: the one our own
 * front (Next.js itself, or the reverse proxy in front of it) appended. Deploy
 * behind a proxy that sets it; see docs/operations.md.
 */
export function clientInfoFrom(headers: HeaderSource): ClientInfo {
  const forwarded = headers.get('x-forwarded-for') ?? ''
  const last = forwarded.split(',').map((s) => s.trim()).filter(Boolean).pop() ?? ''
  const ip = last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
  return {
    ip: isIP(ip) ? ip : null,
    userAgent: (headers.get('user-agent') ?? '').slice(0, 512),
  }
}
