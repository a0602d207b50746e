import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, recoveryCodes, tenants, userTotp } from '@/db/schema'
import { createTestUser, createTestWorkspace, loginEventsOf, type TestWorkspace } from '@/testing/fixtures'
import type { ClientInfo } from '@/lib/http/client-info'
import { effectivePermissions } from './permissions'
import { turnOffOwnTwoFactor, turnOnOwnTotp } from './manage-own-two-factor'
import { confirmRequiredSetup, verifySecondStep } from './second-step'
import { THROTTLE } from './throttle'
import { totpCode } from './totp'
import { totpSetupSecret, twoFactorStatus } from './two-factor'
import { verifyCredentials, type SecondStep } from './verify-credentials'

let db: Db
let ws: TestWorkspace
const client: ClientInfo = { ip: '198.51.100.7', userAgent: 'vitest' }
beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'tfa')
})

const meOf = (userId: string) => ({ userId, tenantId: ws.tenantId, label: 'me', permissions: effectivePermissions('Agent', null) })

/** A user with the authenticator app on; returns its secret, recovery codes, and when the code that turned it on was made. */
async function withTotp() {
  const user = await createTestUser(db, ws.tenantId)
  const secret = (await totpSetupSecret(db, ws.tenantId, user.id))!
  const turnedOnAt = Date.now()
  const on = await turnOnOwnTotp(db, meOf(user.id), totpCode(secret, turnedOnAt))
  if (!on.ok) throw new Error('turn on')
  return { user, secret, codes: on.recoveryCodes, turnedOnAt }
}

const passwordStep = async (user: { username: string; password: string }) => {
  const result = await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client)
  expect(result).toMatchObject({ ok: false, reason: 'second-step' })
  return result as SecondStep
}

describe('two-factor sign-in', () => {
  it('turning on needs a right code from the app, stores the secret sealed and ten hashed recovery codes', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const secret = (await totpSetupSecret(db, ws.tenantId, user.id))!
    expect(await totpSetupSecret(db, ws.tenantId, user.id)).toBe(secret) // the same setup until confirmed
    expect(await turnOnOwnTotp(db, meOf(user.id), '000000')).toMatchObject({ ok: false, fieldErrors: { code: expect.any(String) } })
    const on = await turnOnOwnTotp(db, meOf(user.id), totpCode(secret))
    expect(on.ok && on.recoveryCodes).toHaveLength(10)
    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.id))
    expect(row!.secretCiphertext).not.toContain(secret)
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    expect(stored).toHaveLength(10)
    if (on.ok) for (const c of on.recoveryCodes) expect(JSON.stringify(stored)).not.toContain(c.replace('-', ''))
    expect(await twoFactorStatus(db, ws.tenantId, user.id)).toMatchObject({ on: true, totp: true, recoveryCodesLeft: 10 })
    expect(await totpSetupSecret(db, ws.tenantId, user.id)).toBeNull()
  })

  it('after the password there is no session until the code; a code works once (replay refused), ±1 step', async () => {
    const { user, secret, turnedOnAt } = await withTotp()
    const step = await passwordStep(user)
    const sessions = () => db.select().from(dashboardSessions).where(eq(dashboardSessions.userId, user.id))
    expect(await sessions()).toEqual([])
    // The code that turned it on was accepted: the same one again is a replay. (Codes of the turn-on's own time
    // step, not of "now": a test running across a 30-second boundary would otherwise send a new, valid code.)
    expect(await verifySecondStep(db, step.pendingToken, totpCode(secret, turnedOnAt), client)).toMatchObject({
      ok: false,
      reason: 'invalid',
    })
    const next = totpCode(secret, turnedOnAt + 30_000)
    const signedIn = await verifySecondStep(db, step.pendingToken, next, client)
    expect(signedIn).toMatchObject({ ok: true, userId: user.id })
    expect(await sessions()).toHaveLength(1)
    // The step is finished: its token is dead, and the code can't be used again on a new one.
    expect(await verifySecondStep(db, step.pendingToken, next, client)).toMatchObject({ ok: false, reason: 'expired' })
    const again = await passwordStep(user)
    expect(await verifySecondStep(db, again.pendingToken, next, client)).toMatchObject({ ok: false, reason: 'invalid' })
    // Two steps ahead is outside the window.
    expect(await verifySecondStep(db, again.pendingToken, totpCode(secret, Date.now() + 90_000), client)).toMatchObject({ ok: false })
    const events = (await loginEventsOf(db, ws.tenantId)).filter((e) => e.userId === user.id)
    expect(events.filter((e) => e.outcome === 'success')).toHaveLength(1)
    expect(events.filter((e) => e.outcome === 'invalid_code').length).toBeGreaterThanOrEqual(3)
  })

  it('a recovery code signs in once, recorded as such', async () => {
    const { user, codes } = await withTotp()
    const first = await passwordStep(user)
    expect(await verifySecondStep(db, first.pendingToken, ` ${codes[3]!.toUpperCase()} `, client)).toMatchObject({ ok: true })
    const second = await passwordStep(user)
    expect(await verifySecondStep(db, second.pendingToken, codes[3]!, client)).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await twoFactorStatus(db, ws.tenantId, user.id)).toMatchObject({ recoveryCodesLeft: 9 })
    const [event] = await db
      .execute(sql`SELECT factor FROM login_events WHERE user_id = ${user.id} AND outcome = 'success'`)
      .then((r) => (r as unknown as { rows: { factor: string }[] }).rows)
    expect(event).toEqual({ factor: 'recovery_code' })
  })

  it('wrong codes are throttled per account, like passwords; then even a right code is refused', async () => {
    const { user, secret } = await withTotp()
    const step = await passwordStep(user)
    for (let i = 0; i < THROTTLE.accountMaxFailures; i++) await verifySecondStep(db, step.pendingToken, '123456', client)
    expect(await verifySecondStep(db, step.pendingToken, totpCode(secret, Date.now() + 30_000), client)).toMatchObject({
      ok: false,
      reason: 'throttled',
    })
  })

  it('a garbage or missing step token is refused without a query error', async () => {
    for (const token of [null, '', 'x', 'a'.repeat(43), "'; DROP TABLE users; --"]) {
      expect(await verifySecondStep(db, token, '123456', client)).toEqual({ ok: false, reason: 'expired' })
    }
  })

  it('the workspace policy sends a user without two-factor to setup; Turn on there signs in and returns the recovery codes', async () => {
    const policyWs = await createTestWorkspace(db, 'tfa-policy')
    await db.update(tenants).set({ twoFactorPolicy: 'admins' }).where(eq(tenants.id, policyWs.tenantId))
    const agent = await createTestUser(db, policyWs.tenantId)
    const agentSignIn = await verifyCredentials(
      db,
      { workspace: policyWs.slug, identifier: agent.username, password: agent.password },
      client,
    )
    expect(agentSignIn.ok).toBe(true) // admins only
    const admin = policyWs.admin
    const step = await verifyCredentials(db, { workspace: policyWs.slug, identifier: admin.username, password: admin.password }, client)
    expect(step).toMatchObject({ ok: false, reason: 'second-step', purpose: 'setup' })
    const token = (step as SecondStep).pendingToken
    // A setup token is no code step.
    expect(await verifySecondStep(db, token, '123456', client)).toMatchObject({ reason: 'expired' })
    const secret = (await totpSetupSecret(db, policyWs.tenantId, admin.id))!
    const done = await confirmRequiredSetup(db, token, totpCode(secret), client)
    expect(done).toMatchObject({
      ok: true,
      userId: admin.id,
      recoveryCodes: expect.arrayContaining([expect.stringMatching(/^\w{5}-\w{5}$/)]),
    })
    const audit = await db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, policyWs.tenantId), eq(auditEntries.entityId, admin.id)))
    expect(audit.map((a) => a.action)).toContain('user.two_factor_on')
    // Covered by the policy: can't turn it off.
    expect(
      await turnOffOwnTwoFactor(db, { ...meOf(admin.id), tenantId: policyWs.tenantId }, { password: admin.password, code: '1' }),
    ).toMatchObject({
      ok: false,
      reason: 'conflict',
    })
  })

  it('turning off needs the password and a code', async () => {
    const { user, secret } = await withTotp()
    const me = meOf(user.id)
    expect(await turnOffOwnTwoFactor(db, me, { password: 'wrong', code: totpCode(secret, Date.now() + 30_000) })).toMatchObject({
      fieldErrors: { password: expect.any(String) },
    })
    expect(await turnOffOwnTwoFactor(db, me, { password: user.password, code: '999999' })).toMatchObject({
      fieldErrors: { code: expect.any(String) },
    })
    expect(await turnOffOwnTwoFactor(db, me, { password: user.password, code: totpCode(secret, Date.now() + 30_000) })).toEqual({
      ok: true,
    })
    expect(await twoFactorStatus(db, ws.tenantId, user.id)).toMatchObject({ on: false, recoveryCodesLeft: 0 })
    const signIn = await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client)
    expect(signIn.ok).toBe(true)
  })
})
