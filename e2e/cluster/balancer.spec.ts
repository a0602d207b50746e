import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { testData } from '@/testing/e2e/test-data'
import { signIn, signInAlert, signOut, userMenu } from '@/testing/e2e/sign-in'
import { startHaproxy, startInstance, which, type Running } from '@/testing/cluster'

/**
 * Two app instances on one PostgreSQL behind HAProxy (Debian's package, with
 * health checks on /api/health), as production runs them: what one instance
 * does, the other knows at once, and restarting them one at a time under load
 * loses no request. PostgreSQL only: PGlite is one process.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 })

const base = Number(process.env.E2E_PORT) + 20
const ports = { a: base + 1, b: base + 2, balancer: base }
let a: Running
let b: Running
let balancer: Running
let logs: string
let env: Record<string, string | undefined>

test.beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) return
  if (!which('haproxy')) throw new Error('HAProxy is not installed: apt-get install -y haproxy (.ci/run does)')
  logs = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-cluster-'))
  const shared = JSON.parse(fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, 'instance-env.json'), 'utf8')) as Record<string, string>
  env = {
    ...shared,
    SWITCHBOARD_E2E_BUILD: '1',
    SWITCHBOARD_E2E_SECRET: process.env.E2E_SECRET,
    TRUSTED_PROXIES: '127.0.0.1',
    API_RATE_LIMIT_PER_MINUTE: '6',
    DRAIN_SECONDS: '3',
  }
  ;[a, b] = await Promise.all([startInstance(ports.a, env, logs), startInstance(ports.b, env, logs)])
  balancer = await startHaproxy(ports.balancer, [ports.a, ports.b], logs)
})
test.afterAll(async () => {
  await Promise.all([balancer?.stop(), a?.stop(), b?.stop()])
})
test.beforeEach(() => {
  test.skip(!process.env.TEST_DATABASE_URL, 'needs PostgreSQL: PGlite is one process')
})

const at = (port: number, p: string) => `http://localhost:${port}${p}`

test('signed in on one instance, acting on the other; signed out on one, signed out on both', async ({ browser, request }) => {
  const ws = await testData(request).workspace()
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(at(ports.a, '/sign-in'))
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password }, at(ports.a, ''))
  // The same cookie on the other instance: the session lives in the database.
  await page.goto(at(ports.b, '/account'))
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible()
  await page.goto(at(ports.b, '/users/new'))
  await page.getByLabel('Full name').fill('Made On B')
  await page.getByLabel('Email', { exact: true }).fill(`made.on.b.${Date.now()}@x.test`)
  await page.getByLabel('Username').fill(`made.b.${Date.now().toString(36)}`)
  await page.getByLabel('Password', { exact: true }).fill('amber-lantern-73-orchard')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('User created.')).toBeVisible()
  await page.goto(at(ports.a, '/users?q=Made%20On%20B'))
  // The user made through B is a row of the list read through A (not only the search's own chip).
  await expect(page.getByRole('rowheader', { name: 'Made On B' })).toBeVisible()
  // Signed out through A: B refuses the same cookie at once.
  await page.goto(at(ports.a, '/account'))
  await signOut(page)
  await page.goto(at(ports.b, '/account'))
  await expect(page).toHaveURL(/\/sign-in/)
  await expect(userMenu(page)).toHaveCount(0)
  await context.close()
})

test('sign-in throttling and API rate limits are counted once across instances', async ({ browser, request }) => {
  const data = testData(request)
  const ws = await data.workspace()
  const user = await data.user(ws.tenantId, { role: 'Admin' })
  const context = await browser.newContext()
  const page = await context.newPage()
  // Five wrong passwords, alternating between the instances: the account is locked on both.
  for (let i = 0; i < 5; i++) {
    await page.goto(at(i % 2 ? ports.b : ports.a, '/sign-in'))
    await page.getByLabel('Workspace').fill(ws.slug)
    await page.getByLabel('Username or email').fill(user.username)
    await page.getByLabel('Password').fill(`wrong-password-${i}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(signInAlert(page)).toBeVisible()
  }
  await page.goto(at(ports.b, '/sign-in'))
  await page.getByLabel('Workspace').fill(ws.slug)
  await page.getByLabel('Username or email').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(signInAlert(page)).toContainText('Too many failed attempts')

  // An API token used through the balancer (requests alternate between the instances): 6 a minute in all, not per instance.
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password }, at(ports.a, ''))
  await page.goto(at(ports.a, '/account'))
  await page.getByLabel('Token name').fill('cluster')
  await page.getByRole('button', { name: 'Generate API token' }).click()
  const token = (await page.getByTestId('new-token').textContent())!.trim()
  const statuses: number[] = []
  for (let i = 0; i < 8; i++) {
    const response = await fetch(`http://127.0.0.1:${ports.balancer}/api/v1/groups`, { headers: { authorization: `Bearer ${token}` } })
    statuses.push(response.status)
  }
  expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200])
  expect(statuses.slice(6)).toEqual([429, 429])
  await context.close()
})

test('a rolling restart under load loses no request that was accepted', async () => {
  let stop = false
  const outcomes: (number | string)[] = []
  const servedBy: Record<string, number> = {}
  const load = async () => {
    while (!stop) {
      const response = await fetch(`http://127.0.0.1:${ports.balancer}/sign-in`).catch((e: Error) => e.message)
      // A body cut short is a lost request too, not a crash of the test.
      const read =
        typeof response === 'string'
          ? response
          : await response.arrayBuffer().then(
              () => response.status,
              (e: Error) => e.message,
            )
      // Who answered: an instance, or HAProxy itself (no x-served-by: it had no server to send the request to).
      const server = typeof response === 'string' ? 'nobody' : (response.headers.get('x-served-by') ?? 'haproxy')
      outcomes.push(read === 200 ? 200 : `${read} from ${server}`)
      servedBy[server] = (servedBy[server] ?? 0) + 1
    }
  }
  const workers = Array.from({ length: 8 }, load)
  await expect.poll(() => outcomes.length, { timeout: 10_000 }).toBeGreaterThan(50)
  // One at a time: SIGTERM (the instance drains: health 503, then it finishes what it has), start it again, wait for it.
  for (const [i, name] of (['a', 'b'] as const).entries()) {
    const port = ports[name]
    const going = name === 'a' ? a : b
    await going.stop('SIGTERM')
    // It left by itself once its connections were done (0), not cut by the shutdown timeout (1).
    expect(await going.exited).toBe(0)
    const before = servedBy[`app${i + 1}`] ?? 0
    const restarted = await startInstance(port, env, logs)
    if (name === 'a') a = restarted
    else b = restarted
    // Back in HAProxy's rotation (two good checks) and answering before the next one goes.
    await expect.poll(() => (servedBy[`app${i + 1}`] ?? 0) - before, { timeout: 20_000 }).toBeGreaterThan(20)
  }
  stop = true
  await Promise.all(workers)
  const failures = outcomes.filter((o) => o !== 200)
  expect(outcomes.length).toBeGreaterThan(200)
  expect(failures).toEqual([])
})
