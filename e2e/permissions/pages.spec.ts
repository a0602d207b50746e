import { expect, test, type Browser, type Page } from '@playwright/test'
import { signIn } from '../support/sign-in'
import { testData, type E2EWorkspace } from '../support/test-data'

/**
 * Every page of the user lifecycle, as each persona, over HTTP: the server
 * decides (200), hides (404) or sends to sign-in, whatever the nav shows.
 */
type Persona = 'admin' | 'supervisor' | 'agent' | 'otherAdmin' | 'signedOut'
const OK = 200
const HIDDEN = 404
const SIGN_IN = 'sign-in'

test('pages answer each persona as the permission model says', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const other = await data.workspace()
  const supervisor = await data.user(ws.tenantId, { role: 'Supervisor' })
  const agent = await data.user(ws.tenantId, { role: 'Agent' })
  const target = await data.user(ws.tenantId, { role: 'Agent' })

  const paths: [string, Record<Persona, number | typeof SIGN_IN>][] = [
    ['/users', { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN }],
    ['/users/new', { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN }],
    [`/users/${target.id}/edit`, { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN }],
    [`/users/${target.id}/delete`, { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN }],
    [`/users/${target.id}/login-times`, { admin: OK, supervisor: OK, agent: HIDDEN, otherAdmin: HIDDEN, signedOut: SIGN_IN }],
    ['/settings/deleted-users', { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN }],
    ['/settings/audit-log', { admin: OK, supervisor: HIDDEN, agent: HIDDEN, otherAdmin: OK, signedOut: SIGN_IN }],
    ['/account', { admin: OK, supervisor: OK, agent: OK, otherAdmin: OK, signedOut: SIGN_IN }],
  ]

  const pages: Record<Persona, Page> = {
    admin: await signedIn(browser, ws, ws.admin.username, ws.admin.password),
    supervisor: await signedIn(browser, ws, supervisor.username, supervisor.password),
    agent: await signedIn(browser, ws, agent.username, agent.password),
    otherAdmin: await signedIn(browser, other, other.admin.username, other.admin.password),
    signedOut: await browser.newPage(),
  }
  const seen: string[] = []
  const wanted: string[] = []
  for (const [path, expected] of paths) {
    for (const persona of Object.keys(expected) as Persona[]) {
      const response = await pages[persona].goto(path)
      const got = new URL(pages[persona].url()).pathname === '/sign-in' ? SIGN_IN : response?.status()
      seen.push(`${persona} ${path} → ${got}`)
      wanted.push(`${persona} ${path} → ${expected[persona]}`)
    }
  }
  expect(seen).toEqual(wanted)
  // A refused page shows nothing of the user.
  await pages.otherAdmin.goto(`/users/${target.id}/edit`)
  await expect(pages.otherAdmin.getByText(target.username)).toHaveCount(0)
})

async function signedIn(browser: Browser, ws: E2EWorkspace, identifier: string, password: string): Promise<Page> {
  const page = await browser.newPage()
  await signIn(page, { workspace: ws.slug, identifier, password })
  return page
}
