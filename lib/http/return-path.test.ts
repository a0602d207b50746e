import { describe, expect, it } from 'vitest'
import { safeReturnPath } from './return-path'

describe('safeReturnPath', () => {
  it('keeps a path of the portal with its query', () => {
    expect(safeReturnPath('/settings/groups')).toBe('/settings/groups')
    expect(safeReturnPath('/users?role=Agent&q=ana')).toBe('/users?role=Agent&q=ana')
    expect(safeReturnPath('/users?_rsc=abc')).toBe('/users')
  })
  it('refuses anything that could leave the portal, and the sign-in page itself', () => {
    for (const bad of [
      '//evil.test/x',
      '/\\evil.test',
      'https://evil.test',
      'evil.test',
      '/\u0000x',
      '/sign-in',
      '/sign-in?next=/x',
      '/',
      '',
      null,
      ['/users'],
      '/api/v1/users',
      '/%5Cevil',
      'x'.repeat(3000),
    ]) {
      const got = safeReturnPath(bad)
      // `/%5Cevil` stays a path of ours (the backslash is encoded, so no browser reads it as a host).
      if (bad === '/%5Cevil') expect(got).toBe('/%5Cevil')
      else expect(got, String(bad)).toBeNull()
    }
  })
})
