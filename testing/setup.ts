import { afterAll, inject } from 'vitest'
import { closeDb } from '@/db/client'

const databaseUrl = inject('databaseUrl')
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl
} else {
  delete process.env.DATABASE_URL
  process.env.DATA_DIR = 'memory://'
}
process.env.AUTH_SECRET ??= 'test-auth-secret-test-auth-secret-0123456789'
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64')

afterAll(async () => {
  await closeDb()
})
