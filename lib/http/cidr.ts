import { BlockList, isIP } from 'node:net'

/** `::ffff:10.0.0.1` is 10.0.0.1: IPv4 peers of a dual-stack socket arrive mapped. */
export const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')

export const familyOf = (address: string): 'ipv4' | 'ipv6' | null => {
  const family = isIP(address)
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : null
}

/**
 * Adds an address or CIDR (`10.0.0.0/8`, `::1`) to `list`; false when `raw`
 * is neither (the caller words the message for its setting).
 */
export function addAddressOrCidr(list: BlockList, raw: string): boolean {
  const [address, prefix, extra] = raw.split('/')
  const family = familyOf(unmapped(address ?? ''))
  const bits = prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix)
  if (!family || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 'ipv6' ? 128 : 32)) return false
  list.addSubnet(unmapped(address!), bits, family)
  return true
}

/** True when `address` is in `list`. */
export function listed(list: BlockList, address: string): boolean {
  const plain = unmapped(address)
  const family = familyOf(plain)
  return family !== null && list.check(plain, family)
}
