import 'server-only'
import crypto from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { mailOutbox } from '@/db/schema'
import { openWith, sealWith } from '@/lib/crypto/keyring'
import { appKeyring } from '@/lib/crypto/sip-secret'
import type { MailContent } from './mail-templates'

export type MailKind = 'invitation' | 'password_reset' | 'test'

const linkAad = (tenantId: string, mailId: string) => `mail-link:${tenantId}:${mailId}`

/**
 * Puts a mail in the outbox. Call it inside the transaction of the change
 * that causes it: a rolled-back change sends nothing, a committed one is sent
 * (lib/mail/send-mail.ts). The link, if any, is sealed and bound to this row.
 */
export async function enqueueMail(
  db: Queryable,
  mail: { tenantId: string; kind: MailKind; to: string; content: MailContent; link?: string },
): Promise<string> {
  const id = crypto.randomUUID()
  const sealed = mail.link ? sealWith(appKeyring(), mail.link, linkAad(mail.tenantId, id)) : null
  await db.insert(mailOutbox).values({
    tenantId: mail.tenantId,
    id,
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.content.subject,
    textBody: mail.content.text,
    htmlBody: mail.content.html,
    linkCiphertext: sealed?.ciphertext ?? null,
    linkKeyId: sealed?.keyId ?? null,
  })
  return id
}

/** The link sealed into a mail, for the sender. */
export function openMailLink(tenantId: string, mailId: string, ciphertext: string, keyId: string): string {
  return openWith(appKeyring(), { ciphertext, keyId }, linkAad(tenantId, mailId))
}

export interface MailDelivery {
  id: string
  kind: MailKind
  toAddress: string
  subject: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
  nextAttemptAt: Date
}

/** Settings › Email: the workspace's latest mails, newest first. */
export async function recentMail(db: Queryable, tenantId: string, limit = 50): Promise<MailDelivery[]> {
  const rows = await db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      nextAttemptAt: mailOutbox.nextAttemptAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.tenantId, tenantId))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
  return rows as MailDelivery[]
}

/** How many of the workspace's mails are still waiting (Settings › Email's summary). */
export async function pendingMailCount(db: Queryable, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.status, 'pending')))
  return row?.n ?? 0
}
