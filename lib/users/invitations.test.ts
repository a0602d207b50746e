import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParsedMail } from 'mailparser'
import { getDb, type Db } from '@/db/client'
import { dashboardSessions, mailOutbox, userLinks, users } from '@/db/schema'
import { createTestUser, createTestWorkspace, actorOf, type TestWorkspace } from '@/testing/fixtures'
import { startSmtpInbox, type SmtpInbox } from '@/testing/smtp-inbox'
import { openDashboardSession } from '@/lib/auth/session-user'
import { requestPasswordReset, RESET_LIMITS } from '@/lib/auth/password-reset'
import { setPasswordByLink } from '@/lib/auth/set-password-by-link'
import { findUserLink } from '@/lib/auth/user-links'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { sendPendingMail, transportFrom, type MailTransport } from '@/lib/mail/send-mail'
import { createUser } from './manage-users'
import { sendInvitation, sendInvitations, sendPasswordReset } from './invitations'

let db: Db
let inbox: SmtpInbox
let ws: TestWorkspace
let transport: MailTransport
beforeAll(async () => {
  db = await getDb()
  inbox = await startSmtpInbox()
  transport = transportFrom({ smtpUrl: inbox.url, from: 'Switchboard <noreply@example.test>', fileDir: '' })
  ws = await createTestWorkspace(db, 'invite')
})
afterAll(async () => {
  transport.close?.()
  await inbox.close()
})

const client = { ip: '192.0.2.44', userAgent: 'vitest' }
const NEW_PASSWORD = 'lantern-orchard-57-quiet'
let n = 0
const person = () => {
  const id = `${Date.now().toString(36)}${n++}`
  return { fullName: `Invited ${id}`, username: `inv.${id}`, email: `inv.${id}@example.test`, role: 'Agent', status: 'active' }
}

/** Sends the workspace's queued mail to the test SMTP server and returns what arrived for `to`. */
async function mailTo(to: string, tenantId = ws.tenantId): Promise<ParsedMail> {
  await sendPendingMail(db, transport, { tenantId })
  const mails = inbox.messages.filter((m) => JSON.stringify(m.to).toLowerCase().includes(to.toLowerCase()))
  return mails[mails.length - 1]!
}
const tokenIn = (mail: ParsedMail, path: string) => {
  const match = mail.text!.match(new RegExp(`${path}/([A-Za-z0-9_-]{43})`))
  expect(match, mail.text).not.toBeNull()
  return match![1]!
}

describe('invitations', () => {
  it('create with Send an invitation email → a mail with a link (no password, token or secret in it) → Set password signs in', async () => {
    const p = person()
    const created = await createUser(db, actorOf(ws), { ...p, sendInvitation: 'on' })
    expect(created).toMatchObject({ ok: true, invitation: { url: expect.stringContaining('/invitation/') } })
    const [row] = await db.select().from(users).where(eq(users.username, p.username))
    expect(row!.passwordHash).toBeNull()
    expect(row!.invitationExpiresAt!.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000)

    const mail = await mailTo(p.email)
    expect(mail.subject).toContain('invitation')
    expect(mail.text).toContain(p.username)
    expect(mail.html).toContain('/invitation/')
    const token = tokenIn(mail, '/invitation')
    // The database holds only the token's hash.
    expect(JSON.stringify(await db.select().from(userLinks).where(eq(userLinks.userId, row!.id)))).not.toContain(token)
    expect(JSON.stringify(await db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, ws.tenantId)))).not.toContain(token)

    expect(await setPasswordByLink(db, 'invitation', token, 'short', client)).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.any(String) },
    })
    const done = await setPasswordByLink(db, 'invitation', token, NEW_PASSWORD, client)
    expect(done).toMatchObject({ ok: true, next: { ok: true, userId: row!.id } })
    expect(mail.text).not.toContain(NEW_PASSWORD)
    const [after] = await db.select().from(users).where(eq(users.id, row!.id))
    expect(after!.invitationExpiresAt).toBeNull()
    // Single use.
    expect(await setPasswordByLink(db, 'invitation', token, 'another-fine-password-88', client)).toMatchObject({
      ok: false,
      reason: 'not_found',
    })
    expect((await verifyCredentials(db, { workspace: ws.slug, identifier: p.username, password: NEW_PASSWORD }, client)).ok).toBe(true)
  })

  it('Resend invitation ends the old link; an expired link is refused', async () => {
    const p = person()
    const created = await createUser(db, actorOf(ws), { ...p, sendInvitation: true })
    if (!created.ok) throw new Error('create')
    const first = tokenIn(await mailTo(p.email), '/invitation')
    const again = await sendInvitation(db, actorOf(ws), created.id)
    expect(again.ok).toBe(true)
    const second = tokenIn(await mailTo(p.email), '/invitation')
    expect(second).not.toBe(first)
    expect(await findUserLink(db, 'invitation', first)).toEqual({ state: 'ended' })
    expect(await setPasswordByLink(db, 'invitation', first, NEW_PASSWORD, client)).toMatchObject({
      ok: false,
      formError: expect.stringContaining('no longer works'),
    })
    await db
      .update(userLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userLinks.userId, created.id))
    expect(await setPasswordByLink(db, 'invitation', second, NEW_PASSWORD, client)).toMatchObject({
      ok: false,
      formError: expect.stringContaining('expired'),
    })
  })

  it('invitations only for active users without a password, within the actor’s rights and workspace', async () => {
    const withPassword = await createTestUser(db, ws.tenantId)
    const admin = await createTestUser(db, ws.tenantId, { role: 'Admin' })
    const other = await createTestWorkspace(db, 'invite-other')
    const p = person()
    const created = await createUser(db, actorOf(ws), { ...p, sendInvitation: true })
    if (!created.ok) throw new Error('create')
    expect(await sendInvitation(db, actorOf(ws), withPassword.id)).toMatchObject({ ok: false, reason: 'conflict' })
    expect(await sendInvitation(db, actorOf(other), created.id)).toMatchObject({ ok: false, reason: 'not_found' })
    expect(await sendInvitation(db, actorOf(ws, 'Supervisor'), created.id)).toMatchObject({ ok: false, reason: 'forbidden' })
    const bulk = await sendInvitations(db, actorOf(ws), [created.id, withPassword.id, admin.id])
    expect(bulk.ok && bulk.sent.map((s) => s.id)).toEqual([created.id])
    expect(bulk.ok && bulk.skipped.map((s) => s.reason).sort()).toEqual(['has-password', 'has-password'])
    // Both a password and an invitation: which one?
    expect(await createUser(db, actorOf(ws), { ...person(), password: NEW_PASSWORD, sendInvitation: true })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.stringContaining('Leave the password empty') },
    })
    expect(await createUser(db, actorOf(ws), { ...person() })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.stringContaining('invitation') },
    })
  })
})

describe('password reset', () => {
  it('Forgot password → the same answer for anyone; the link sets a new password and ends every session and other links', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const session = await openDashboardSession(db, { tenantId: ws.tenantId, userId: user.id, ip: null, userAgent: '' })
    const unknown = await requestPasswordReset(db, { workspace: ws.slug, email: 'nobody@example.test' }, client)
    const known = await requestPasswordReset(db, { workspace: ws.slug, email: user.email.toUpperCase() }, client)
    expect(unknown).toEqual({ ok: true, queued: false })
    expect(known).toEqual({ ok: true, queued: true })
    const firstToken = tokenIn(await mailTo(user.email.toLowerCase()), '/reset-password')
    await requestPasswordReset(db, { workspace: ws.slug, email: user.email }, client)
    const mail = await mailTo(user.email.toLowerCase())
    expect(mail.text).not.toContain(user.password)
    const token = tokenIn(mail, '/reset-password')
    expect(await findUserLink(db, 'password_reset', firstToken)).toEqual({ state: 'ended' })

    const done = await setPasswordByLink(db, 'password_reset', token, NEW_PASSWORD, client)
    expect(done).toEqual({ ok: true, purpose: 'password_reset', next: null })
    const [ended] = await db
      .select()
      .from(dashboardSessions)
      .where(and(eq(dashboardSessions.tenantId, ws.tenantId), eq(dashboardSessions.id, session)))
    expect(ended!.endedAt).not.toBeNull()
    expect((await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: user.password }, client)).ok).toBe(false)
    expect((await verifyCredentials(db, { workspace: ws.slug, identifier: user.username, password: NEW_PASSWORD }, client)).ok).toBe(true)
    expect(await setPasswordByLink(db, 'password_reset', token, 'yet-another-password-91', client)).toMatchObject({ ok: false })
  })

  it('reset requests are throttled per address and per account, silently', async () => {
    const user = await createTestUser(db, ws.tenantId)
    const results = []
    for (let i = 0; i < RESET_LIMITS.perEmail + 2; i++) {
      results.push(await requestPasswordReset(db, { workspace: ws.slug, email: user.email }, { ip: `192.0.2.${100 + i}`, userAgent: '' }))
    }
    expect(results.map((r) => r.ok && r.queued)).toEqual([true, true, true, false, false])
    const bad = await requestPasswordReset(db, { workspace: '', email: 'not-an-email' }, client)
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { workspace: expect.any(String), email: expect.any(String) } })
  })

  it('an admin sends a reset (users.password), never to themselves or to someone with more rights', async () => {
    const user = await createTestUser(db, ws.tenantId)
    expect(await sendPasswordReset(db, actorOf(ws), user.id)).toMatchObject({
      ok: true,
      link: { url: expect.stringContaining('/reset-password/') },
    })
    expect(await sendPasswordReset(db, actorOf(ws), ws.admin.id)).toMatchObject({ ok: false, reason: 'conflict' })
    expect(await sendPasswordReset(db, actorOf(ws, 'Supervisor'), user.id)).toMatchObject({ ok: false, reason: 'forbidden' })
    const other = await createTestWorkspace(db, 'reset-other')
    expect(await sendPasswordReset(db, actorOf(other), user.id)).toMatchObject({ ok: false, reason: 'not_found' })
    expect((await mailTo(user.email.toLowerCase())).subject).toContain('Reset')
  })
})
