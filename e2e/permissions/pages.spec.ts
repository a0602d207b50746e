import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

/**
 * Every page of the user lifecycle, as each persona, over HTTP: the server
 * decides (200), hides (404) or sends to sign-in, whatever the nav shows.
 */
// scopedSupervisor / scopedAdmin: profiles scoped to the groups they manage, managers of group A (issue 22).
type Persona = 'admin' | 'supervisor' | 'agent' | 'otherAdmin' | 'signedOut' | 'scopedSupervisor' | 'scopedAdmin'
const OK = 200
const HIDDEN = 404
const SIGN_IN = 'sign-in'
type Expected = number | typeof SIGN_IN

/** The target is in no group (outside the scoped personas' reach); `inA` is a member of group A (inside it). */
const PAGES: [
  (targetId: string, extensionId: string, webhookId: string, inA: string, groupA: string) => string,
  Record<Persona, Expected>,
][] = [
  [() => '/users', { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK }],
  [
    () => '/users/new',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    () => '/users/import',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    () => '/users/bulk-edit?status=active',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    () => '/settings/extensions/import',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (id) => `/users/${id}`,
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (id) => `/users/${id}/edit`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (id) => `/users/${id}/delete`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (id) => `/users/${id}/login-times`,
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (id) => `/users/${id}/actions`,
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/deleted-users',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    () => '/settings/audit-log',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [() => '/account', { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK }],
  [
    () => '/settings/extensions',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/extensions/new',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (_, x) => `/settings/extensions/${x}`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (_, x) => `/settings/extensions/${x}/delete`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/reports/signed-in',
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    () => '/reports/users',
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    () => '/print/users',
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    () => '/settings',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    () => '/settings/profiles',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/profiles/new',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/groups',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/general',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/directory',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/security',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/email',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/single-sign-on',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/provisioning',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/webhooks',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/settings/webhooks/new',
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    (_, __, w) => `/settings/webhooks/${w}`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [
    () => '/account/two-factor',
    { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  // Public: the password links and Forgot password name nobody until a valid token or a mail.
  [() => '/sign-in/forgot', { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: OK, scopedSupervisor: OK, scopedAdmin: OK }],
  // Single sign-on's public pages: which workspace, a workspace's sign-in (signed in: on to the portal), why it was refused.
  [() => '/sign-in/sso', { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: OK, scopedSupervisor: OK, scopedAdmin: OK }],
  [() => '/sign-in/demo', { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: OK, scopedSupervisor: OK, scopedAdmin: OK }],
  [
    () => '/sign-in/demo/sso/refused?reason=state',
    { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: OK, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    () => '/invitation/not-a-real-link',
    { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: OK, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  // Inside the scope: group A's member.
  [
    (_, __, ___, a) => `/users/${a}`,
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    (_, __, ___, a) => `/users/${a}/edit`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    (_, __, ___, a) => `/users/${a}/delete`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: OK },
  ],
  [
    (_, __, ___, a) => `/users/${a}/login-times`,
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    (_, __, ___, a) => `/users/${a}/actions`,
    { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK },
  ],
  [
    (_, __, ___, ____, g) => `/settings/groups/${g}`,
    { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN, scopedSupervisor: HIDDEN, scopedAdmin: HIDDEN },
  ],
  [() => '/api-docs', { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: SIGN_IN, scopedSupervisor: OK, scopedAdmin: OK }],
]

// Many navigations in one test: allow for a loaded CI machine (this is not a timing check).
test.describe.configure({ timeout: 120_000 })

for (const persona of ['admin', 'supervisor', 'agent', 'otherAdmin', 'signedOut', 'scopedSupervisor', 'scopedAdmin'] as Persona[]) {
  test(`pages answer ${persona} as the permission model says`, async ({ page, request }) => {
    const data = testData(request)
    const ws = await data.workspace()
    const target = await data.user(ws.tenantId, { role: 'Agent' })
    const extension = await data.extension(ws.tenantId, '5551')
    const webhook = await data.webhook(ws.tenantId)
    const team = await data.scopedTeam(ws.tenantId, persona === 'scopedAdmin' ? 'Admin' : 'Supervisor')
    const inA = await data.user(ws.tenantId, { role: 'Agent', groupIds: [team.groupA] })
    if (persona === 'scopedSupervisor' || persona === 'scopedAdmin') {
      await signIn(page, { workspace: ws.slug, identifier: team.lead.username, password: team.lead.password })
    }
    if (persona === 'admin') await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    if (persona === 'supervisor' || persona === 'agent') {
      const user = await data.user(ws.tenantId, { role: persona === 'agent' ? 'Agent' : 'Supervisor' })
      await signIn(page, { workspace: ws.slug, identifier: user.username, password: user.password })
    }
    if (persona === 'otherAdmin') {
      const other = await data.workspace()
      await signIn(page, { workspace: other.slug, identifier: other.admin.username, password: other.admin.password })
    }
    const seen: string[] = []
    const wanted: string[] = []
    // The nonce CSP must let every script of every page run: Chromium reports each refusal on the console.
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${new URL(page.url()).pathname}: ${message.text()}`)
    })
    for (const [pathOf, expected] of PAGES) {
      const path = pathOf(target.id, extension.id, webhook.id, inA.id, team.groupA)
      const response = await page.goto(path)
      const got = new URL(page.url()).pathname === '/sign-in' ? SIGN_IN : response?.status()
      seen.push(`${path} → ${got}`)
      wanted.push(`${path} → ${expected[persona]}`)
      // A refused page shows nothing of the user.
      if (expected[persona] !== OK) await expect(page.getByText(target.username)).toHaveCount(0)
    }
    expect(seen).toEqual(wanted)
    expect(violations).toEqual([])
  })
}

test('every response carries the security headers; a signed-in page can’t be framed', async ({ page, request }) => {
  const expectHeaders = (headers: Record<string, string>) => {
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
  }
  const signInPage = await request.get('/sign-in')
  expectHeaders(signInPage.headers())
  const api = await request.get('/api/v1/users')
  expect(api.status()).toBe(401)
  expectHeaders(api.headers())
  const data = testData(request)
  const ws = await data.workspace()
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  const settings = await page.goto('/settings/directory')
  expectHeaders(settings!.headers())
  // Two requests, two nonces.
  const again = await page.goto('/settings/directory')
  expect(again!.headers()['content-security-policy']).not.toBe(settings!.headers()['content-security-policy'])
})
