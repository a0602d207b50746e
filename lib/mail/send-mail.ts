import 'server-only'
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { mailConfig, type MailConfig } from './mail-config'
import { openMailLink } from './mail-outbox'
import { LINK_PLACEHOLDER } from './mail-templates'

export interface OutgoingMail {
  from: string
  to: string
  subject: string
  text: string
  html: string
  /** The outbox row's id, as the message's own id: a receiver can tell a re-send. */
  messageId: string
}
/** Sends one mail; `close` ends an SMTP pool's open connections (tests, benches, shutdown). */
export type MailTransport = ((mail: OutgoingMail) => Promise<void>) & { close?: () => void }

/** Attempts before a mail is marked failed: about a day of backoff (30 s, 1, 2, 4 … min, capped at 2 h). */
export const MAIL_MAX_ATTEMPTS = 15
/** A claimed mail is the claimer's this long; an instance that dies mid-send leaves it to another after. */
const LEASE_SECONDS = 120

export function backoffSeconds(attempt: number, random = Math.random): number {
  const base = Math.min(30 * 2 ** (attempt - 1), 7200)
  return Math.round(base * (0.8 + 0.4 * random()))
}

/** SMTP with nodemailer, or (no SMTP_URL) each mail as an .eml file, written by nodemailer's own stream transport. */
export function transportFrom(config: MailConfig = mailConfig()): MailTransport {
  if (config.smtpUrl) {
    const url = new URL(config.smtpUrl)
    const transporter = nodemailer.createTransport({
      // A few kept-open connections: a bulk invitation doesn't pay a TLS handshake per mail.
      pool: true,
      maxConnections: 3,
      host: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      // Well inside the claim's lease: a hung server can't make two instances send one mail.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      tls: url.searchParams.get('tls') === 'insecure' ? { rejectUnauthorized: false } : undefined,
      ignoreTLS: url.searchParams.get('starttls') === 'off',
    })
    const send: MailTransport = async (mail) => {
      await transporter.sendMail({ ...mail, messageId: `<${mail.messageId}@switchboard>` })
    }
    send.close = () => transporter.close()
    return send
  }
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return async (mail) => {
    const info = await writer.sendMail({ ...mail, messageId: `<${mail.messageId}@switchboard>` })
    await fs.mkdir(config.fileDir, { recursive: true })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    await fs.writeFile(path.join(config.fileDir, `${stamp}-${mail.messageId}.eml`), info.message as Buffer, { mode: 0o600 })
  }
}

interface Claimed {
  tenant_id: string
  id: string
  to_address: string
  subject: string
  text_body: string
  html_body: string
  link_ciphertext: string | null
  link_key_id: string | null
  attempts: number
}

/**
 * Sends what is due, a few mails at a time, until none is left. Each batch is
 * claimed in one statement (FOR UPDATE SKIP LOCKED, then a lease), so any
 * number of instances can run this at once and each mail goes out once.
 * A failure is retried with backoff and jitter; the last one marks it failed.
 */
export async function sendPendingMail(
  db: Db,
  transport: MailTransport,
  /** `tenantId`: only that workspace's mail (tests share one database; the app's worker sends everyone's). */
  /** `keepLinks`: mail goes only to files (no SMTP), so the portal shows open links to admins (mail-outbox.ts openLinkFor). */
  options: { from?: string; batch?: number; tenantId?: string; keepLinks?: boolean } = {},
): Promise<{ sent: number; failed: number }> {
  const from = options.from ?? mailConfig().from
  const batch = options.batch ?? 10
  let sent = 0
  let failed = 0
  for (;;) {
    const claimed = (await db.execute(sql`
      UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
      WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM mail_outbox
        WHERE status = 'pending' AND next_attempt_at <= now() ${options.tenantId ? sql`AND tenant_id = ${options.tenantId}` : sql``}
        ORDER BY next_attempt_at LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
      RETURNING tenant_id, id, to_address, subject, text_body, html_body, link_ciphertext, link_key_id, attempts`)) as unknown as {
      rows: Claimed[]
    }
    const rows = claimed.rows
    if (rows.length === 0) return { sent, failed }
    // The batch's mails go out side by side (the SMTP pool keeps a few connections open); each settles on its own.
    const outcomes = await Promise.all(
      rows.map(async (row): Promise<'sent' | 'failed' | 'retry'> => {
        try {
          const link =
            row.link_ciphertext && row.link_key_id ? openMailLink(row.tenant_id, row.id, row.link_ciphertext, row.link_key_id) : ''
          await transport({
            from,
            to: row.to_address,
            subject: row.subject,
            text: row.text_body.replaceAll(LINK_PLACEHOLDER, link),
            html: row.html_body.replaceAll(LINK_PLACEHOLDER, link),
            messageId: row.id,
          })
          // Sent: the link is erased, the outbox keeps only who, what and when.
          const erase = !options.keepLinks
          await db.execute(sql`
          UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL,
            link_ciphertext = CASE WHEN ${erase} THEN NULL ELSE link_ciphertext END,
            link_key_id = CASE WHEN ${erase} THEN NULL ELSE link_key_id END
          WHERE tenant_id = ${row.tenant_id} AND id = ${row.id}`)
          return 'sent'
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 500)
          const giveUp = row.attempts >= MAIL_MAX_ATTEMPTS
          await db.execute(sql`
          UPDATE mail_outbox SET last_error = ${message},
            status = ${giveUp ? 'failed' : 'pending'},
            next_attempt_at = now() + make_interval(secs => ${backoffSeconds(row.attempts)}),
            link_ciphertext = CASE WHEN ${giveUp} THEN NULL ELSE link_ciphertext END,
            link_key_id = CASE WHEN ${giveUp} THEN NULL ELSE link_key_id END
          WHERE tenant_id = ${row.tenant_id} AND id = ${row.id}`)
          return giveUp ? 'failed' : 'retry'
        }
      }),
    )
    sent += outcomes.filter((o) => o === 'sent').length
    failed += outcomes.filter((o) => o === 'failed').length
  }
}
