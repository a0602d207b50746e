import { expect, type APIRequestContext } from '@playwright/test'

export interface E2EUser {
  id: string
  username: string
  email: string
  password: string
}
export interface E2EWorkspace {
  tenantId: string
  slug: string
  admin: E2EUser
}
export interface E2EUserRecord {
  id: string | null
  deleted?: boolean
  fullName?: string
  email?: string
  notes?: string
  jobTitle?: string
  department?: string
  mobile?: string
  hideFromDirectory?: boolean
  extensionId?: string | null
  extensionType?: string
  forceLogin?: boolean
  role?: string
  profileId?: string | null
  groupIds?: string[]
  status?: string
  version?: number
}
export interface E2ELoginEvent {
  userId: string | null
  identifier: string
  kind: 'sign_in' | 'sign_out'
  outcome: string
  /** How it was proven or tried: password, totp, sso… */
  factor: string | null
  ip: string | null
  userAgent: string
}

/** Calls the e2e build's test-support endpoint (see app/api/e2e/[op]/route.e2e.ts). */
async function call<T>(request: APIRequestContext, op: string, body: object): Promise<T> {
  const response = await request.post(`/api/e2e/${op}`, { data: body, headers: { 'x-e2e-secret': process.env.E2E_SECRET! } })
  expect(response.status(), `${op}: ${await response.text()}`).toBe(200)
  return (await response.json()) as T
}

export const testData = (request: APIRequestContext) => ({
  workspace: (options: { prefix?: string } = {}) => call<E2EWorkspace>(request, 'workspace', options),
  user: (
    tenantId: string,
    options: {
      role?: 'Admin' | 'Supervisor' | 'Agent'
      status?: 'active' | 'inactive'
      fullName?: string
      profileId?: string
      department?: string
      /** Days since their last sign-in (left out: never signed in). */
      lastLoginDaysAgo?: number
      groupIds?: string[]
      /** Give them an extension of this number, with force login. */
      forceLoginExtension?: string
    } = {},
  ) => call<E2EUser>(request, 'user', { tenantId, ...options }),
  profile: (
    tenantId: string,
    role: 'Admin' | 'Supervisor' | 'Agent',
    name: string,
    permissions: string[],
    scope: 'workspace' | 'managed_groups' = 'workspace',
  ) => call<{ id: string }>(request, 'profile', { tenantId, role, name, permissions, scope }),
  group: (tenantId: string, name: string, managerIds: string[] = []) =>
    call<{ id: string }>(request, 'group', { tenantId, name, managerIds }),
  /**
   * Issue 22: groups A and B, and a user of `role` whose profile is scoped to the groups they manage, managing A.
   * Returns the user to sign in as and both groups.
   */
  async scopedTeam(tenantId: string, role: 'Supervisor' | 'Admin') {
    const permissions =
      role === 'Admin'
        ? ['users.read', 'users.create', 'users.update', 'users.delete', 'users.password', 'users.tokens', 'reports.read', 'users.export']
        : ['users.read', 'reports.read', 'users.export']
    const profile = await call<{ id: string }>(request, 'profile', {
      tenantId,
      role,
      name: `Team ${role} ${Math.random().toString(36).slice(2, 8)}`,
      permissions,
      scope: 'managed_groups',
    })
    const lead = await call<E2EUser>(request, 'user', { tenantId, role, profileId: profile.id, fullName: `Lead ${role}` })
    const a = await call<{ id: string }>(request, 'group', { tenantId, name: 'Tier 1 French', managerIds: [lead.id] })
    const b = await call<{ id: string }>(request, 'group', { tenantId, name: 'Billing', managerIds: [] })
    return { lead, groupA: a.id, groupB: b.id }
  },
  eligibility: (tenantId: string, number: string) =>
    call<{ allowed: boolean; reason: string } | null>(request, 'eligibility', { tenantId, number }),
  auditEntries: (tenantId: string, action: string) =>
    call<{ entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]>(request, 'audit-entries', {
      tenantId,
      action,
    }),
  people: (tenantId: string) =>
    call<{ ids: Record<string, string>; groups: Record<string, string>; profiles: Record<string, string> }>(request, 'people', {
      tenantId,
    }),
  setStatus: (tenantId: string, userId: string, status: 'active' | 'inactive') => call(request, 'set-status', { tenantId, userId, status }),
  bumpSessionVersion: (tenantId: string, userId: string) => call(request, 'bump-session-version', { tenantId, userId }),
  loginEvents: (tenantId: string) => call<E2ELoginEvent[]>(request, 'login-events', { tenantId }),
  extension: (tenantId: string, number: string, type: 'SIP' | 'WebRTC' = 'WebRTC') =>
    call<{ id: string; number: string }>(request, 'extension', { tenantId, number, type }),
  statuses: (tenantId: string, ids: string[]) => call<Record<string, 'active' | 'inactive'>>(request, 'user-statuses', { tenantId, ids }),
  /** The saved user (as the edit form sees it), or `{ id: null }`. */
  userRecord: (tenantId: string, username: string) => call<E2EUserRecord>(request, 'user-record', { tenantId, username }),
  expireSessions: (tenantId: string, userId: string) => call(request, 'expire-sessions', { tenantId, userId }),
  /** A user.created webhook: disabled, to nowhere; or enabled, to `url`. */
  webhook: (tenantId: string, url?: string) => call<{ id: string }>(request, 'webhook', { tenantId, url }),
  dashboardSessions: (tenantId: string, userId: string) =>
    call<{ id: string; endedAt: string | null; endReason: string | null }[]>(request, 'dashboard-sessions', { tenantId, userId }),
})
