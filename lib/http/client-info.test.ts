import { describe, expect, it } from 'vitest'
import { clientInfoFrom } from './client-info'

const h = (values: Record<string, string>) => new Headers(values)

describe('clientInfoFrom', () => {
  it('takes the right-most forwarded address, the one our own front added', () => {
    expect(clientInfoFrom(h({ 'x-forwarded-for': '203.0.113.9, 198.51.100.7' })).ip).toBe('198.51.100.7')
  })
  it('unwraps IPv4-mapped IPv6 and accepts IPv6', () => {
    expect(clientInfoFrom(h({ 'x-forwarded-for': '::ffff:127.0.0.1' })).ip).toBe('127.0.0.1')
    expect(clientInfoFrom(h({ 'x-forwarded-for': '2001:db8::1' })).ip).toBe('2001:db8::1')
  })
  it('drops anything that is not an address, and caps the user agent', () => {
    expect(clientInfoFrom(h({ 'x-forwarded-for': "1.2.3.4'; DROP TABLE users;--" })).ip).toBeNull()
    expect(clientInfoFrom(h({})).ip).toBeNull()
    expect(clientInfoFrom(h({ 'user-agent': 'x'.repeat(5000) })).userAgent).toHaveLength(512)
  })
})
