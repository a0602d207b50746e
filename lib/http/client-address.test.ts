import { describe, expect, it } from 'vitest'
import { parseTrustedProxies, resolveClientAddress, TrustedProxiesError } from './client-address'

const none = parseTrustedProxies(undefined)

describe('resolveClientAddress', () => {
  it('without TRUSTED_PROXIES uses the socket’s address and ignores any X-Forwarded-For a client sends', () => {
    expect(resolveClientAddress('198.51.100.7', '203.0.113.9', none)).toBe('198.51.100.7')
    expect(resolveClientAddress('::ffff:127.0.0.1', '1.2.3.4, 5.6.7.8', none)).toBe('127.0.0.1')
    expect(resolveClientAddress('2001:db8::1', undefined, none)).toBe('2001:db8::1')
    expect(resolveClientAddress(undefined, '1.2.3.4', none)).toBeNull()
  })

  it('with trusted proxy addresses peels trusted hops from the right and stops at the first untrusted one', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 127.0.0.1, ::1')
    // client → proxy A (10.0.0.2) → proxy B (127.0.0.1, the socket)
    expect(resolveClientAddress('127.0.0.1', '203.0.113.9, 10.0.0.2', trusted)).toBe('203.0.113.9')
    // A forged left-most entry is never reached: the first untrusted address from the right is the client.
    expect(resolveClientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', trusted)).toBe('203.0.113.9')
    // A socket that isn't a trusted proxy: its forwarded header means nothing.
    expect(resolveClientAddress('198.51.100.7', '203.0.113.9', trusted)).toBe('198.51.100.7')
    // Every hop trusted: the left-most.
    expect(resolveClientAddress('127.0.0.1', '10.1.1.1', trusted)).toBe('10.1.1.1')
    expect(resolveClientAddress('::1', 'not-an-ip', trusted)).toBeNull()
  })

  it('with a hop count takes the address that many hops left of the socket', () => {
    const one = parseTrustedProxies('1')
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 203.0.113.9', one)).toBe('203.0.113.9')
    expect(resolveClientAddress('10.0.0.5', undefined, one)).toBe('10.0.0.5')
    expect(resolveClientAddress('10.0.0.5', '203.0.113.9', parseTrustedProxies('2'))).toBe('203.0.113.9')
  })

  it('refuses a TRUSTED_PROXIES it can’t read, naming the part', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(TrustedProxiesError)
    expect(() => parseTrustedProxies('proxy.internal')).toThrow(/proxy\.internal/)
    expect(parseTrustedProxies(' ')).toEqual({ kind: 'none' })
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' })
  })
})
