import 'server-only'
import dns from 'node:dns'
import { BlockList } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'
import { addAddressOrCidr, familyOf, listed, unmapped } from './cidr'

/**
 * Requests the server makes to a URL a workspace admin typed (the identity
 * provider's discovery, later webhooks). An admin of one workspace must not be
 * able to point the server at its own network: loopback, private, link-local
 * and cloud metadata addresses are refused, checked on the addresses a name
 * resolves to at the moment of connecting (so a name that resolves elsewhere
 * the second time changes nothing), and plain http is refused. An operator
 * allow-lists hosts (names, addresses, CIDRs) for on-premise systems: those may
 * use http and private addresses.
 */

export class OutboundRefused extends Error {}

export interface HostAllowList {
  names: ReadonlySet<string>
  addresses: BlockList
  text: string
}

/** `WEBHOOK_ALLOWED_HOSTS` / `SSO_ALLOWED_HOSTS`: comma-separated host names, addresses or CIDRs. A bad entry stops the caller with a message. */
export function parseHostAllowList(value: string | undefined, variable: string): HostAllowList {
  const names = new Set<string>()
  const addresses = new BlockList()
  const text = (value ?? '').trim()
  for (const raw of text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    if (addAddressOrCidr(addresses, raw)) continue
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(raw)) {
      throw new OutboundRefused(`${variable}: “${raw}” is not a host name, address or CIDR.`)
    }
    names.add(raw)
  }
  return { names, addresses, text }
}

/** Addresses that are not the public internet (IANA special-purpose registries), metadata services among them. */
const NOT_PUBLIC = (() => {
  const list = new BlockList()
  for (const [address, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16], // link-local, and 169.254.169.254: the cloud metadata service
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.88.99.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const)
    list.addSubnet(address, bits, 'ipv4')
  for (const [address, bits] of [
    ['::', 128],
    ['::1', 128],
    ['::ffff:0:0', 96],
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['100::', 64],
    ['2001::', 23],
    ['2001:db8::', 32],
    ['2002::', 16],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(address, bits, 'ipv6')
  return list
})()

/** True when the server may connect to `address` for `host`: a public address, or one the operator allowed. */
export function addressAllowed(address: string, host: string, allow: HostAllowList): boolean {
  if (!familyOf(unmapped(address))) return false
  if (allow.names.has(host.toLowerCase()) || listed(allow.addresses, address)) return true
  return !listed(NOT_PUBLIC, address)
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase()

const isAllowListed = (host: string, allow: HostAllowList) => allow.names.has(host) || listed(allow.addresses, host)

/**
 * The URL, checked before any request: http(s) only, https unless the host is
 * allow-listed, no credentials in it, and an address written in it must be
 * public or allow-listed. Names are checked again on connect (outboundFetch).
 */
export function checkOutboundUrl(raw: string, allow: HostAllowList): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new OutboundRefused('Enter a full URL, starting with https://.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused('Enter a URL starting with https://.')
  if (url.username || url.password) throw new OutboundRefused('Leave the user name and password out of the URL.')
  const host = hostOf(url)
  if (url.protocol === 'http:' && !isAllowListed(host, allow)) {
    throw new OutboundRefused('Use https://: plain http is only for hosts the operator allows.')
  }
  if (familyOf(unmapped(host)) && !addressAllowed(host, host, allow)) {
    throw new OutboundRefused('That address is on a private network: only hosts the operator allows may be reached there.')
  }
  return url
}

/**
 * A dispatcher whose every connection resolves the host itself and refuses
 * when none of its addresses may be reached. The check runs on connect, so it
 * holds for each request and each reconnection, whatever DNS said before.
 */
function guardedAgent(allow: HostAllowList, timeoutMs: number): Agent {
  return new Agent({
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: {
      lookup(hostname, options, callback) {
        dns.lookup(hostname, { all: true, family: 0 }, (error, found) => {
          if (error) return callback(error, '', 0)
          const usable = found.filter((a) => addressAllowed(a.address, hostname, allow))
          if (!usable.length) {
            return callback(new OutboundRefused(`${hostname} resolves to a private address: refused.`), '', 0)
          }
          // undici asks for one address unless `all` is set.
          if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable)
          callback(null, usable[0]!.address, usable[0]!.family)
        })
      },
    },
  })
}

/** The request parts outbound callers pass (openid-client's customFetch passes these). */
export interface OutboundInit {
  method?: string
  headers?: Record<string, string> | Headers
  body?: string | ArrayBuffer | Uint8Array | URLSearchParams | ReadableStream | null
  signal?: AbortSignal | null
}
export type OutboundFetch = (url: string | URL, init?: OutboundInit) => Promise<Response>

/**
 * `fetch` for admin-typed URLs: the URL checked (checkOutboundUrl), connections
 * checked on connect, no redirects followed (a redirect could lead anywhere),
 * and a time limit on connecting and on each wait for data.
 */
export function outboundFetch(allow: HostAllowList, timeoutMs = 10_000): OutboundFetch {
  const dispatcher = guardedAgent(allow, timeoutMs)
  return async (url, init) => {
    checkOutboundUrl(String(url), allow)
    const response = await undiciFetch(String(url), {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: 'manual',
      dispatcher,
    })
    return response as unknown as Response
  }
}
