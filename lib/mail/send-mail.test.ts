import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, openDb, type Db } from '@/db/client'
import { mailOutbox } from '@/db/schema'
import { createTestWorkspace } from '@/testing/fixtures'
import { startSmtpInbox, type SmtpInbox } from '@/testing/smtp-inbox'
import { enqueueMail } from './mail-outbox'
import { testMail, invitationMail } from './mail-templates'
import { MAIL_MAX_ATTEMPTS, sendPendingMail, transportFrom, type MailTransport } from './send-mail'

let db: Db
let inbox: SmtpInbox
let transport: MailTransport
beforeAll(async () => {
  db = await getDb()
  inbox = await startSmtpInbox()
  transport = transportFrom({ smtpUrl: inbox.url, from: 'Switchboard <noreply@example.test>', fileDir: '' })
})
afterAll(async () => {
  transport.close?.()
  await inbox.close()
})

const smtp = () => transport
const content = (n: number) => ({ subject: `Mail ${n}`, text: `Body ${n}`, html: `<p>Body ${n}</p>` })

describe('mail outbox', () => {
  it('sends a committed mail over SMTP with text and HTML, the link put in at sending and erased after', async () => {
    const ws = await createTestWorkspace(db, 'mail')
    const link = `http://localhost:3000/invitation/secret-token-${ws.slug}`
    const mail = invitationMail({ workspace: 'Acme', fullName: 'Ana', username: 'ana', expiresAt: new Date(), timeZone: 'UTC' })
    const id = await db.transaction((tx) =>
      enqueueMail(tx, {
        tenantId: ws.tenantId,
        kind: 'invitation',
        to: 'ana@example.test',
        content: mail,
        link: { url: link, id: crypto.randomUUID() },
      }),
    )
    const [queued] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
    // At rest the link is sealed: not in the bodies, not in the row as text.
    expect(JSON.stringify(queued)).not.toContain('secret-token')

    expect(await sendPendingMail(db, smtp(), { tenantId: ws.tenantId })).toEqual({ sent: 1, failed: 0 })
    const got = await inbox.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes('ana@example.test'))
    expect(got.subject).toBe('Your invitation to Acme on Switchboard')
    expect(got.text).toContain(link)
    expect(got.html).toContain(`href="${link}"`)
    expect(got.messageId).toBe(`<${id}@switchboard>`)
    const [sent] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, linkCiphertext: null, linkKeyId: null })
  })

  it('a rolled-back change sends nothing', async () => {
    const ws = await createTestWorkspace(db, 'mail')
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, { tenantId: ws.tenantId, kind: 'test', to: 'x@example.test', content: content(0) })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await sendPendingMail(db, smtp(), { tenantId: ws.tenantId })).toEqual({ sent: 0, failed: 0 })
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, ws.tenantId))).toEqual([])
  })

  it('a server that refuses is retried with backoff; the mail arrives on a later attempt', async () => {
    const ws = await createTestWorkspace(db, 'mail')
    const id = await enqueueMail(db, { tenantId: ws.tenantId, kind: 'test', to: `retry-${ws.slug}@example.test`, content: content(1) })
    inbox.failNext(1)
    await sendPendingMail(db, smtp(), { tenantId: ws.tenantId })
    const [failed] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 })
    expect(failed!.lastError).toMatch(/451|Try again later/)
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000)
    // Due again (as after the backoff): sent on the second attempt.
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(mailOutbox.id, id))
    expect(await sendPendingMail(db, smtp(), { tenantId: ws.tenantId })).toEqual({ sent: 1, failed: 0 })
    const [sent] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null })
  })

  it('the last attempt marks a mail failed and erases its link', async () => {
    const ws = await createTestWorkspace(db, 'mail')
    const id = await enqueueMail(db, {
      tenantId: ws.tenantId,
      kind: 'test',
      to: 'y@example.test',
      content: content(2),
      link: { url: 'http://x/t', id: crypto.randomUUID() },
    })
    await db
      .update(mailOutbox)
      .set({ attempts: MAIL_MAX_ATTEMPTS - 1 })
      .where(eq(mailOutbox.id, id))
    const failing = async () => {
      throw new Error('Connection refused')
    }
    expect(await sendPendingMail(db, failing, { tenantId: ws.tenantId })).toEqual({ sent: 0, failed: 1 })
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
    expect(row).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS, lastError: 'Connection refused', linkCiphertext: null })
  })

  it('two instances sending one outbox deliver each mail exactly once', async () => {
    const ws = await createTestWorkspace(db, 'mail')
    const N = 200
    await db.insert(mailOutbox).values(
      Array.from({ length: N }, (_, i) => ({
        tenantId: ws.tenantId,
        kind: 'test',
        toAddress: `n${i}@example.test`,
        subject: `Once ${ws.slug} ${i}`,
        textBody: 'x',
        htmlBody: '<p>x</p>',
      })),
    )
    // A second instance: its own connection pool on PostgreSQL (PGlite has one database per process: two senders on it).
    const other = process.env.DATABASE_URL ? await openDb({ migrate: false }) : null
    const seen = new Map<string, number>()
    const counting = (name: string) => async (mail: { subject: string }) => {
      seen.set(mail.subject, (seen.get(mail.subject) ?? 0) + 1)
      void name
    }
    try {
      const results = await Promise.all([
        sendPendingMail(db, counting('a'), { tenantId: ws.tenantId, batch: 5 }),
        sendPendingMail(other?.db ?? db, counting('b'), { tenantId: ws.tenantId, batch: 5 }),
      ])
      expect(results[0]!.sent + results[1]!.sent).toBe(N)
      expect(seen.size).toBe(N)
      expect([...seen.values()].every((n) => n === 1)).toBe(true)
    } finally {
      await other?.close()
    }
  })

  it('without SMTP_URL each mail is written as an .eml file', async () => {
    const ws = await createTestWorkspace(db, 'mail')
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-mail-'))
    await enqueueMail(db, {
      tenantId: ws.tenantId,
      kind: 'test',
      to: 'z@example.test',
      content: testMail({ workspace: 'Acme', requestedBy: 'ana' }),
    })
    await sendPendingMail(db, transportFrom({ smtpUrl: null, from: 'Switchboard <noreply@example.test>', fileDir: dir }), {
      tenantId: ws.tenantId,
    })
    const files = await fs.readdir(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/\.eml$/)
    const eml = await fs.readFile(path.join(dir, files[0]!), 'utf8')
    expect(eml).toContain('Subject: Switchboard test email (Acme)')
    expect(eml).toContain('To: z@example.test')
  })
})
