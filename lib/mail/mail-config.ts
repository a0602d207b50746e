import 'server-only'
import os from 'node:os'
import path from 'node:path'
import { dataDir, IN_MEMORY } from '@/db/client'

/**
 * Where mail goes: `SMTP_URL` (e.g. `smtps://user:pass@smtp.example.com:465`)
 * through nodemailer, or, without it, `.eml` files under `DATA_DIR/mail/` —
 * and then the portal shows the admin the link it would have mailed, so
 * nothing is silently dropped.
 */
export interface MailConfig {
  smtpUrl: string | null
  from: string
  /** Without SMTP: the folder the .eml files are written to. */
  fileDir: string
}

export function mailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const dir = env.DATA_DIR === IN_MEMORY ? path.join(os.tmpdir(), 'switchboard-mail') : path.join(dataDir(), 'mail')
  return { smtpUrl: env.SMTP_URL?.trim() || null, from: env.MAIL_FROM?.trim() || 'Switchboard <no-reply@localhost>', fileDir: dir }
}

/** True when mail really leaves the machine; otherwise the UI shows links to the admin. */
export const mailIsDelivered = () => mailConfig().smtpUrl !== null
