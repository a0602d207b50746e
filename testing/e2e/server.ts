/**
 * The app under test: `npm start`'s own path (build if needed, migrate, seed,
 * our server in front of Next) with the e2e build, a fresh DATA_DIR, and with
 * TEST_DATABASE_URL a fresh PostgreSQL database instead of PGlite. Everything
 * the server prints also goes to DATA_DIR/server.log, which the teardown reads
 * for secrets (none may ever be logged).
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'
import { createFreshDatabase } from '@/testing/fresh-database'
import { typescriptProcess } from '@/scripts/typescript-process'

const dataDir = process.env.E2E_DATA_DIR
if (!dataDir) throw new Error('E2E_DATA_DIR is not set: start the e2e server through playwright.config.ts')
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  SWITCHBOARD_E2E_BUILD: '1',
  SWITCHBOARD_E2E_SECRET: process.env.E2E_SECRET,
  PORT: process.env.E2E_PORT,
  // The tests' identity providers listen on loopback: the operator's allow-list lets the app reach them.
  SSO_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  // The e2e tests wait for an expired session's eligibility.changed: sweep every 2 s, not 15.
  ELIGIBILITY_SWEEP_SECONDS: '2',
}

// A real SMTP server for the app's mail (smtp-server, on loopback): each message lands raw in DATA_DIR/smtp-inbox, where the tests read it.
export const SMTP_INBOX = 'smtp-inbox'
const inbox = path.join(dataDir, SMTP_INBOX)
fs.mkdirSync(inbox, { recursive: true })
let received = 0
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      const name = `${String(++received).padStart(5, '0')}.eml`
      fs.writeFileSync(path.join(inbox, `${name}.tmp`), Buffer.concat(chunks))
      fs.renameSync(path.join(inbox, `${name}.tmp`), path.join(inbox, name))
      callback()
    })
  },
})
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}/?starttls=off`
env.MAIL_FROM = 'Switchboard <noreply@switchboard.test>'

if (process.env.TEST_DATABASE_URL) {
  const url = await createFreshDatabase(process.env.TEST_DATABASE_URL, 'sb_e2e')
  fs.writeFileSync(path.join(dataDir, 'database-url'), url)
  env.DATABASE_URL = url
  // The browser tests sign in to the demo workspace too: on PostgreSQL it must be asked for.
  env.SEED_DEMO = '1'
  env.AUTH_SECRET = crypto.randomBytes(32).toString('base64')
  env.APP_ENCRYPTION_KEY = crypto.randomBytes(32).toString('base64')
  // What another instance of the same app needs (e2e/sessions, e2e/cluster): the same configuration as this one, as in
  // production. Not only the database and keys: its webhook and mail senders take this instance's work too, so
  // without the same allow-list and SMTP server they would fail deliveries the tests wait for.
  const shared = [
    'DATABASE_URL',
    'AUTH_SECRET',
    'APP_ENCRYPTION_KEY',
    'SMTP_URL',
    'MAIL_FROM',
    'SSO_ALLOWED_HOSTS',
    'WEBHOOK_ALLOWED_HOSTS',
    'ELIGIBILITY_SWEEP_SECONDS',
  ]
  fs.writeFileSync(path.join(dataDir, 'instance-env.json'), JSON.stringify(Object.fromEntries(shared.map((k) => [k, env[k]]))))
} else {
  delete env.DATABASE_URL
}

export const SERVER_LOG = 'server.log'
const log = fs.createWriteStream(path.join(dataDir, SERVER_LOG))
const start = typescriptProcess('scripts/start.ts', { reactServer: true })
const child = spawn(start.command, start.args, {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
})
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk)
  log.write(chunk)
})
child.stderr.on('data', (chunk: Buffer) => {
  process.stderr.write(chunk)
  log.write(chunk)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  smtp.close(() => undefined)
  log.end(() => process.exit(code ?? (signal ? 1 : 0)))
})
