import { expect, test, type Page } from '@playwright/test'
import { testData } from '@/testing/e2e/test-data'
import { signIn } from '@/testing/e2e/sign-in'
import { startReceiver, type TestReceiver } from '@/testing/webhook-receiver'
import { verifySignature } from '@/lib/webhooks/webhook-signing'

/**
 * Webhooks against a receiver on loopback (allow-listed for the e2e server):
 * set up in Settings, a test event delivered and shown with Redeliver, and
 * eligibility.changed within 2 s of an agent's sign-in and within the sweep
 * of their session expiring, with no request in between.
 */
let receiver: TestReceiver
test.beforeEach(async () => {
  receiver = await startReceiver()
})
test.afterEach(async () => {
  await receiver.close()
})

test('an admin adds a webhook, sends a test event, sees it delivered and redelivers it', async ({ page, request }) => {
  const ws = await testData(request).workspace()
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto('/settings/webhooks')
  await page.getByRole('link', { name: 'New webhook' }).click()
  // Bad input first: a private address and no events.
  await page.getByLabel('URL').fill('http://10.0.0.1/hooks')
  for (const box of await page.getByRole('group', { name: 'Events' }).getByRole('checkbox').all()) await box.uncheck()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Choose at least one event.')).toBeVisible()
  await expect(page.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('URL').fill(receiver.url)
  await page.getByRole('checkbox', { name: /^user\.created/ }).check()
  await page.getByRole('button', { name: 'Save' }).click()
  const secret = (await page.getByTestId('webhook-secret').textContent())!.trim()
  expect(secret).toMatch(/^whsec_/)
  await page.getByRole('link', { name: 'Go to the webhook' }).click()

  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect.poll(() => receiver.received.length).toBe(1)
  const [got] = receiver.received
  expect(got!.json.type).toBe('webhook.test')
  expect(verifySignature(String(got!.headers['switchboard-signature']), got!.body, secret)).toBe(true)
  await page.reload()
  const row = page.getByRole('row', { name: /webhook\.test/ })
  await expect(row).toContainText('Delivered')
  await expect(row).toContainText('200')
  await row.getByRole('button', { name: 'Redeliver webhook.test' }).click()
  await expect.poll(() => receiver.received.length).toBe(2)
  expect(receiver.received[1]!.json.id).toBe(got!.json.id)

  // A user created in the portal is an event.
  const user = await testData(request).user(ws.tenantId)
  await expect.poll(() => receiver.received.map((r) => r.json.type)).toContain('user.created')
  expect(receiver.received.find((r) => r.json.type === 'user.created')!.json.data).toMatchObject({ id: user.id, username: user.username })
})

/**
 * A workspace with a force-login agent, and a webhook for eligibility.changed only, to the receiver, made by its
 * admin in Settings (who stays signed in on `page`).
 */
async function agentWithEligibilityWebhook(page: Page, data: ReturnType<typeof testData>) {
  const ws = await data.workspace()
  const number = String(6000 + Math.floor(Math.random() * 3999))
  const agent = await data.user(ws.tenantId, { role: 'Agent', forceLoginExtension: number })
  await signIn(page, { workspace: ws.slug, identifier: ws.admin.username, password: ws.admin.password })
  await page.goto('/settings/webhooks/new')
  await page.getByLabel('URL').fill(receiver.url)
  for (const box of await page.getByRole('group', { name: 'Events' }).getByRole('checkbox').all()) await box.uncheck()
  await page.getByRole('checkbox', { name: /^eligibility\.changed/ }).check()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('webhook-secret')).toBeVisible()
  return { ws, agent, number }
}

test('eligibility.changed: within 2 s of a force-login agent signing in, and within the sweep of their session expiring', async ({
  page,
  browser,
  request,
}) => {
  const data = testData(request)
  const { ws, agent, number } = await agentWithEligibilityWebhook(page, data)

  const context = await browser.newContext()
  const agentPage = await context.newPage()
  await signIn(agentPage, { workspace: ws.slug, identifier: agent.username, password: agent.password })
  await expect.poll(() => receiver.received.length, { timeout: 2_000 }).toBe(1)
  // The poll above allowed 2 s from the sign-in's answer: the contract (NOTIFY at commit, then the sender).
  expect(receiver.received[0]!.json.data).toMatchObject({ extension: number, allowed: true, reason: 'ok', forceLogin: true })

  // The session reaches its end with nobody doing anything: the sweep (every 2 s in these tests) notices.
  await data.expireSessions(ws.tenantId, agent.id)
  // 30 s, not 10: once in a PostgreSQL CI pass (2026-12-05) the event took longer than 10 s with the other worker busy; the
  // cause is not found yet (nothing was logged). The event must still come: a sweep that never notices fails here.
  await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2)
  expect(receiver.received[1]!.json.data).toMatchObject({ extension: number, allowed: false, reason: 'not_signed_in' })
  await context.close()
})

test('a receiver that answers late holds up no other workspace: eligibility.changed still within 2 s', async ({ page, request }) => {
  const data = testData(request)
  // Workspace B: an agent with force login and a webhook for eligibility.changed.
  const { ws: b, agent, number } = await agentWithEligibilityWebhook(page, data)
  await page.context().clearCookies()

  // Workspace A's receiver takes 9 s to answer (the sender waits up to 10): its delivery is in flight meanwhile.
  const slow = await startReceiver()
  let arrived = 0
  let answer = () => {}
  slow.respond = () => {
    arrived++
    return new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(200), 9_000)
      answer = () => (clearTimeout(timer), resolve(200))
    })
  }
  try {
    const a = await data.workspace()
    await data.webhook(a.tenantId, slow.url)
    await data.user(a.tenantId)
    await expect.poll(() => arrived).toBe(1)

    // B's agent signs in while A's delivery waits: B's event doesn't wait with it.
    await signIn(page, { workspace: b.slug, identifier: agent.username, password: agent.password })
    await expect.poll(() => receiver.received.length, { timeout: 2_000 }).toBe(1)
    expect(receiver.received[0]!.json.data).toMatchObject({ extension: number, allowed: true })
    expect(slow.received, 'A has not been answered yet').toHaveLength(0)
  } finally {
    answer()
    await slow.close()
  }
})
