import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { signIn } from '@/testing/e2e/sign-in'
import { testData } from '@/testing/e2e/test-data'

/** Who is signed in now, each user's sessions, and a sign-out that reaches the PBX at once (issue 17). */

test('an agent with force login signs in → the board shows them live and the PBX may route; Sign out everywhere → not_signed_in at once, and their next click lands on sign-in', async ({
  browser,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const number = String(7000 + Math.floor(Math.random() * 999))
  const agent = await data.user(ws.tenantId, { role: 'Agent', fullName: 'Fatima Live', forceLoginExtension: number })

  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signIn(admin, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await admin.goto('/reports/signed-in')
  await expect(admin.getByRole('status').filter({ hasText: '● Live' })).toBeVisible()
  await expect(admin.getByRole('row', { name: /Fatima Live/ })).toHaveCount(0)
  expect(await data.eligibility(ws.tenantId, number)).toMatchObject({ allowed: false, reason: 'not_signed_in' })

  const agentContext = await browser.newContext()
  const agentPage = await agentContext.newPage()
  await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  // The board follows by itself: no reload here.
  await expect(admin.getByRole('row', { name: /Fatima Live/ })).toBeVisible({ timeout: 5_000 })
  await expect(admin.getByRole('row', { name: /Fatima Live/ })).toContainText('Takes calls')
  await expect(admin.getByTestId('count-Can take calls (force login)')).toHaveText('1')
  expect(await data.eligibility(ws.tenantId, number)).toMatchObject({ allowed: true, reason: 'ok' })

  // The users list says so too, and filters by it.
  await admin.goto('/users?signedIn=now')
  await expect(admin.getByRole('row', { name: /Fatima Live/ })).toContainText('since')

  await admin.goto(`/users/${agent.id}`)
  const sessions = admin.getByRole('region', { name: 'Sessions' })
  await expect(sessions.getByRole('row')).toHaveCount(2) // header + one session
  await sessions.getByRole('button', { name: 'Sign out everywhere' }).click()
  await admin.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'Fatima Live is signed out everywhere (1 session).' })).toBeVisible()
  expect(await data.eligibility(ws.tenantId, number)).toMatchObject({ allowed: false, reason: 'not_signed_in' })

  await agentPage.getByRole('link', { name: 'Switchboard' }).first().click()
  await expect(agentPage.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await adminContext.close()
  await agentContext.close()
})

test('My account lists one’s own sessions, marks this browser, and signs another browser out', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const user = await data.user(ws.tenantId, { role: 'Supervisor' })
  const here = await (await browser.newContext()).newPage()
  const there = await (
    await browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' })
  ).newPage()
  await signIn(there, { workspace: ws.slug, identifier: user.username, password: user.password })
  await signIn(here, { workspace: ws.slug, identifier: user.username, password: user.password })
  await here.goto('/account')
  const sessions = here.getByRole('region', { name: 'Sessions' })
  await expect(sessions.getByRole('row')).toHaveCount(3)
  await expect(sessions.getByText('(this browser)')).toHaveCount(1)
  await sessions.getByRole('button', { name: /^Sign out Firefox 133 on Linux$/ }).click()
  await here.getByRole('dialog').getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(here.getByRole('status').filter({ hasText: 'Signed out that session.' })).toBeVisible()
  await expect(sessions.getByRole('row')).toHaveCount(2)
  await there.reload()
  await expect(there.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await here.reload()
  await expect(here.getByRole('heading', { name: 'My account' })).toBeVisible()
})

test('without JavaScript the board renders with a Refresh link, and a supervisor sees it; an agent gets 404', async ({
  browser,
  request,
}) => {
  const data = testData(request)
  const ws = await data.workspace()
  const supervisor = await data.user(ws.tenantId, { role: 'Supervisor', fullName: 'Sam Watch' })
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { workspace: ws.slug, identifier: supervisor.username, password: supervisor.password })
  await page.goto('/reports/signed-in')
  await expect(page.getByRole('heading', { name: 'Signed in now' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Sam Watch/ })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Refresh' })).toBeVisible()
  const agent = await data.user(ws.tenantId, { role: 'Agent' })
  const agentPage = await (await browser.newContext()).newPage()
  await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  expect((await agentPage.goto('/reports/signed-in'))!.status()).toBe(404)
  expect((await agentPage.request.get('/reports/signed-in/events')).status()).toBe(404)
  await context.close()
})

test('two app instances on one PostgreSQL: a sign-in through instance A appears on a board open on instance B', async ({
  browser,
  request,
}) => {
  test.skip(!process.env.TEST_DATABASE_URL, 'needs PostgreSQL: PGlite is one process')
  const shared = JSON.parse(fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, 'instance-env.json'), 'utf8')) as Record<string, string>
  const port = Number(process.env.E2E_PORT) + 7
  const instanceB = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/start.ts'], {
    env: {
      ...process.env,
      ...shared,
      PORT: String(port),
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-b-')),
      SWITCHBOARD_E2E_BUILD: '1',
      SWITCHBOARD_E2E_SECRET: process.env.E2E_SECRET,
    },
    stdio: 'ignore',
    detached: true,
  })
  try {
    const b = `http://localhost:${port}`
    await expect.poll(async () => (await fetch(`${b}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200)
    const data = testData(request)
    const ws = await data.workspace()
    const agent = await data.user(ws.tenantId, { role: 'Agent', fullName: 'Omar Across' })
    const board = await (await browser.newContext({ baseURL: b })).newPage()
    await signIn(board, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
    await board.goto('/reports/signed-in')
    await expect(board.getByRole('status').filter({ hasText: '● Live' })).toBeVisible()
    await expect(board.getByRole('row', { name: /Omar Across/ })).toHaveCount(0)
    // Through instance A (the suite's own server).
    const agentPage = await (await browser.newContext()).newPage()
    await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
    await expect(board.getByRole('row', { name: /Omar Across/ })).toBeVisible({ timeout: 5_000 })
  } finally {
    try {
      process.kill(-instanceB.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
})
