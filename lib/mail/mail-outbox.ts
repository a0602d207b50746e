import 'server-only'
import crypto from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { mailOutbox, userLinks } from '@/db/schema'
import { openWith, sealWith } from '@/lib/crypto/keyring'
import { appKeyring } from '@/lib/crypto/sip-secret'
import type { SealedColumn } from '@/lib/crypto/reseal-rows'
import type { MailContent } from './mail-templates'

export type MailKind = 'invitation' | 'password_reset' | 'test'

const linkAad = (tenantId: string, mailId: string) => `mail-link:${tenantId}:${mailId}`

/** For `npm run keys:rotate`: the links sealed into mail still to send (or kept to show without SMTP). */
export const MAIL_LINKS_SEALED: SealedColumn = {
  table: 'mail_outbox',
  idColumn: 'id',
  ciphertextColumn: 'link_ciphertext',
  keyIdColumn: 'link_key_id',
  aad: linkAad,
}

/**
 * Puts a mail in the outbox. Call it inside the transaction of the change
 * that causes it: a rolled-back change sends nothing, a committed one is sent
 * (lib/mail/send-mail.ts). The link, if any, is sealed and bound to this row.
 */
export async function enqueueMail(
  db: Queryable,
  mail: { tenantId: string; kind: MailKind; to: string; content: MailContent; link?: { url: string; id: string } },
): Promise<string> {
  const id = crypto.randomUUID()
  const sealed = mail.link ? sealWith(appKeyring(), mail.link.url, linkAad(mail.tenantId, id)) : null
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
    linkId: mail.link?.id ?? null,
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

/**
 * Without SMTP: the user's open link of a purpose (not used, not ended, not
 * expired), read back from the mail that carried it, for the admin to hand
 * over. Null when mail is really sent or there is none.
 */
export async function openLinkFor(
  db: Queryable,
  tenantId: string,
  userId: string,
  purpose: 'invitation' | 'password_reset',
): Promise<{ url: string; expiresAt: Date } | null> {
  const [row] = await db
    .select({ id: mailOutbox.id, ciphertext: mailOutbox.linkCiphertext, keyId: mailOutbox.linkKeyId, expiresAt: userLinks.expiresAt })
    .from(userLinks)
    .innerJoin(mailOutbox, and(eq(mailOutbox.tenantId, userLinks.tenantId), eq(mailOutbox.linkId, userLinks.id)))
    .where(
      and(
        eq(userLinks.tenantId, tenantId),
        eq(userLinks.userId, userId),
        eq(userLinks.purpose, purpose),
        isNull(userLinks.usedAt),
        isNull(userLinks.endedAt),
        sql`${userLinks.expiresAt} > now()`,
      ),
    )
    .orderBy(desc(userLinks.createdAt))
    .limit(1)
  if (!row?.ciphertext || !row.keyId) return null
  return { url: openMailLink(tenantId, row.id, row.ciphertext, row.keyId), expiresAt: row.expiresAt }
}
