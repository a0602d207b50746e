import { describe, expect, it } from 'vitest'
import { CLIENT_IP_HEADER } from './client-address'
import { clientInfoFrom } from './client-info'

const h = (values: Record<string, string>) => new Headers(values)

describe('clientInfoFrom', () => {
  it('reads the address our own server resolved, never X-Forwarded-For (a client can write that)', () => {
    expect(clientInfoFrom(h({ [CLIENT_IP_HEADER]: '198.51.100.7', 'x-forwarded-for': '203.0.113.9' })).ip).toBe('198.51.100.7')
    expect(clientInfoFrom(h({ 'x-forwarded-for': '203.0.113.9' })).ip).toBeNull()
    expect(clientInfoFrom(h({ [CLIENT_IP_HEADER]: '2001:db8::1' })).ip).toBe('2001:db8::1')
  })
  it('drops anything that is not an address, and caps the user agent', () => {
    expect(clientInfoFrom(h({ [CLIENT_IP_HEADER]: "1.2.3.4'; DROP TABLE users;--" })).ip).toBeNull()
    expect(clientInfoFrom(h({})).ip).toBeNull()
    expect(clientInfoFrom(h({ 'user-agent': 'x'.repeat(5000) })).userAgent).toHaveLength(512)
  })
})
