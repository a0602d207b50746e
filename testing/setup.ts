import fs from 'node:fs'
import { afterAll, inject } from 'vitest'
import { closeDb, configureProcessDb } from '@/db/client'

const databaseUrl = inject('databaseUrl')
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl
} else {
  delete process.env.DATABASE_URL
  process.env.DATA_DIR = 'memory://'
  // This file's own database, from the migrated template, opened on first use like the app's.
  const template = inject('pgliteTemplate')
  if (template) configureProcessDb({ pgliteDir: null, pgliteTemplate: new Blob([fs.readFileSync(template)]) })
}
// The tests' identity providers and webhook receivers listen on loopback: the operator's allow-list lets them in.
process.env.SSO_ALLOWED_HOSTS ??= '127.0.0.1'
process.env.WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1'
process.env.AUTH_SECRET ??= 'test-auth-secret-test-auth-secret-0123456789'
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64')

afterAll(async () => {
  await closeDb()
})
