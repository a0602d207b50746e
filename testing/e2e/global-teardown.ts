import fs from 'node:fs'
import path from 'node:path'
import { dropDatabase } from '@/testing/fresh-database'

/**
 * What no log may ever hold: password hashes, API tokens, token hashes (SHA-256
 * hex) and sealed secrets (`iv.tag.ciphertext`, base64url).
 */
export const SECRET_PATTERNS: [string, RegExp][] = [
  ['argon2 hash', /\$argon2/],
  ['API token', /\bsb_[A-Za-z0-9_-]{20,}/],
  ['SHA-256 token hash', /\b[0-9a-f]{64}\b/],
  ['sealed secret', /\b[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{4,}\b/],
]

/**
 * After the browser tests (the server is stopped by then): the server's whole
 * output must hold no secret, including what the failing paths made it log;
 * then the run's PostgreSQL database, if it made one, is dropped.
 */
export default async function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR
  if (!dir) return
  const logFile = path.join(dir, 'server.log')
  const adminUrl = process.env.TEST_DATABASE_URL
  const file = path.join(dir, 'database-url')
  if (adminUrl && fs.existsSync(file)) await dropDatabase(adminUrl, fs.readFileSync(file, 'utf8').trim())
  if (!fs.existsSync(logFile)) throw new Error(`The e2e server wrote no log at ${logFile}: the secrets check could not run.`)
  const text = fs.readFileSync(logFile, 'utf8')
  const found = SECRET_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name)
  if (found.length) throw new Error(`The app server's log holds secrets (${found.join(', ')}): see ${logFile}`)
}
