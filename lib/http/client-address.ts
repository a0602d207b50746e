import { BlockList, isIP } from 'node:net'
import { addAddressOrCidr, listed, unmapped } from './cidr'

/**
 * Which address a request came from. The socket's peer is the only address
 * nobody can forge; X-Forwarded-For is believed only as far as the operator
 * says (TRUSTED_PROXIES), peeling trusted hops off from the right. Without it,
 * a client could pick its own address and with it escape the per-address
 * sign-in throttle and write any address into login events.
 *
 * Used by the server in front of Next (scripts/serve.ts), which puts the answer
 * in CLIENT_IP_HEADER after removing any value a client sent in it.
 */

/** Set by our own server only; the app reads the client address from nowhere else. */
export const CLIENT_IP_HEADER = 'x-switchboard-client-ip'

export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList; text: string }

export class TrustedProxiesError extends Error {}

/**
 * `TRUSTED_PROXIES`: empty (no proxy: the socket's address), a hop count
 * (`1`: one proxy in front, whatever its address), or addresses and CIDRs
 * (`10.0.0.0/8, 127.0.0.1, ::1`).
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? '').trim()
  if (!text) return { kind: 'none' }
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    if (hops > 20) throw new TrustedProxiesError(`TRUSTED_PROXIES=${text}: a hop count above 20 is not a real deployment.`)
    return hops === 0 ? { kind: 'none' } : { kind: 'hops', hops }
  }
  const list = new BlockList()
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!addAddressOrCidr(list, raw)) {
      throw new TrustedProxiesError(`TRUSTED_PROXIES: “${raw}” is not an address or CIDR (e.g. 10.0.0.0/8, ::1, or a hop count like 1).`)
    }
  }
  return { kind: 'list', list, text }
}

const isTrusted = listed

/**
 * The client's address: the socket's peer unless it is a trusted proxy, then
 * the forwarded chain read from the right past every trusted hop. Null when
 * nothing usable is known.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string | null {
  const peer = socketAddress ? unmapped(socketAddress) : ''
  if (trusted.kind === 'none') return isIP(peer) ? peer : null
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((s) => unmapped(s.trim()))
    .filter(Boolean)
  // The chain as the last proxy saw it, nearest hop last.
  const chain = [...forwarded, peer]
  let index = chain.length - 1
  if (trusted.kind === 'hops') {
    index = Math.max(0, chain.length - 1 - trusted.hops)
  } else {
    while (index > 0 && isTrusted(trusted.list, chain[index]!)) index--
  }
  const candidate = chain[index]!
  return isIP(candidate) ? candidate : null
}
