import { describe, expect, it } from 'vitest'
import { PERMISSIONS, ROLE_PERMISSIONS, effectivePermissions } from './permissions'

describe('permissions', () => {
  it('gives Admin everything, Supervisor read/report/export, Agent nothing', () => {
    expect([...effectivePermissions('Admin', null)].sort()).toEqual([...PERMISSIONS].sort())
    expect([...effectivePermissions('Supervisor', null)].sort()).toEqual(['reports.read', 'users.export', 'users.read'])
    expect(effectivePermissions('Agent', null).size).toBe(0)
  })

  it('narrows a role by its profile and never widens it', () => {
    expect([...effectivePermissions('Supervisor', ['reports.read'])]).toEqual(['reports.read'])
    // A profile listing more than its role holds gets only the role's share.
    expect([...effectivePermissions('Supervisor', ['reports.read', 'users.delete', 'settings.manage'])]).toEqual(['reports.read'])
    expect(effectivePermissions('Agent', ['users.read']).size).toBe(0)
    expect(effectivePermissions('Admin', []).size).toBe(0)
  })

  it('keeps every role within the catalogue', () => {
    for (const perms of Object.values(ROLE_PERMISSIONS)) for (const p of perms) expect(PERMISSIONS).toContain(p)
  })
})
