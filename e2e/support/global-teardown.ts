import fs from 'node:fs'
import path from 'node:path'
import { dropDatabase } from '@/db/testing/fresh-database'

/** Drops the run's PostgreSQL database, if it made one (the server is stopped by then). */
export default async function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!dir || !adminUrl) return
  const file = path.join(dir, 'database-url')
  if (fs.existsSync(file)) await dropDatabase(adminUrl, fs.readFileSync(file, 'utf8').trim())
}
