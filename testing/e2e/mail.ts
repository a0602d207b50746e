import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import { simpleParser, type ParsedMail } from 'mailparser'

/** The e2e server's SMTP inbox (testing/e2e/server.ts): every mail the app sent, parsed. */
async function inbox(): Promise<ParsedMail[]> {
  const dir = path.join(process.env.E2E_DATA_DIR!, 'smtp-inbox')
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : []
  return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))))
}

const addressed = (m: ParsedMail, to: string) =>
  JSON.stringify(m.to ?? '')
    .toLowerCase()
    .includes(to.toLowerCase())

/** Waits for the `nth` mail (1 = the first) to `to`, as the SMTP server received it. */
export async function mailTo(to: string, nth = 1): Promise<ParsedMail> {
  let found: ParsedMail | undefined
  await expect
    .poll(
      async () => {
        found = (await inbox()).filter((m) => addressed(m, to))[nth - 1]
        return found !== undefined
      },
      { message: `mail #${nth} to ${to}`, timeout: 20_000 },
    )
    .toBe(true)
  return found!
}

/** The path of the link in a mail (`/invitation/…`, `/reset-password/…`), to open against the test server. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const match = mail.text?.match(new RegExp(`https?://[^\\s/]+(${prefix}/[A-Za-z0-9_-]{43})`))
  expect(match, mail.text).not.toBeNull()
  return match![1]!
}
