/**
 * The app under test: `npm start`'s own path (build if needed, migrate, seed,
 * `next start`) with the e2e build, a fresh DATA_DIR, and with
 * TEST_DATABASE_URL a fresh PostgreSQL database instead of PGlite.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createFreshDatabase } from '@/db/testing/fresh-database'

const dataDir = process.env.E2E_DATA_DIR
if (!dataDir) throw new Error('E2E_DATA_DIR is not set: start the e2e server through playwright.config.ts')
process.env.DATA_DIR = dataDir
process.env.SWITCHBOARD_E2E_BUILD = '1'
process.env.SWITCHBOARD_E2E_SECRET = process.env.E2E_SECRET
process.env.PORT = process.env.E2E_PORT

if (process.env.TEST_DATABASE_URL) {
  const url = await createFreshDatabase(process.env.TEST_DATABASE_URL, 'sb_e2e')
  fs.writeFileSync(path.join(dataDir, 'database-url'), url)
  process.env.DATABASE_URL = url
  // The browser tests sign in to the demo workspace too: on PostgreSQL it must be asked for.
  process.env.SEED_DEMO = '1'
  process.env.AUTH_SECRET = crypto.randomBytes(32).toString('base64')
  process.env.APP_ENCRYPTION_KEY = crypto.randomBytes(32).toString('base64')
} else {
  delete process.env.DATABASE_URL
}

await import('../../scripts/start')
