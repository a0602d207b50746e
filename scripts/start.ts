/**
 * `npm start`: everything a newcomer needs after `npm ci`. Checks configuration,
 * builds if needed, migrates, seeds the demo workspace into an empty database,
 * then serves the portal with `next start`.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { count } from 'drizzle-orm'
import { dataDir, openDb } from '@/db/client'
import { tenants } from '@/db/schema'
import { DEMO, seedDemo } from '@/db/seed'
import { ConfigError, loadSecrets } from '@/lib/config/secrets'
import { buildIfNeeded } from './build-if-needed'

async function main() {
  const port = Number(process.env.PORT || 3000)
  const embedded = !process.env.DATABASE_URL
  let secrets
  try {
    secrets = loadSecrets()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Switchboard cannot start: ${error.message}`)
      process.exit(1)
    }
    throw error
  }

  buildIfNeeded()

  // The embedded database is opened here and closed again before the server
  // opens it: PGlite allows one process per data directory.
  const handle = await openDb()
  let seeded = false
  try {
    const [{ n }] = (await handle.db.select({ n: count() }).from(tenants)) as [{ n: number }]
    if (n === 0) seeded = (await seedDemo(handle.db, secrets.encryptionKey)).created
  } finally {
    await handle.close()
  }

  const url = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXTAUTH_URL: process.env.NEXTAUTH_URL || url }
  if (embedded) env.DATA_DIR = dataDir()

  console.log('')
  console.log(`  Switchboard is starting on ${url}`)
  console.log(`  Database: ${embedded ? `embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dataDir()) || '.'}` : 'PostgreSQL (DATABASE_URL)'}`)
  if (seeded) console.log('  Seeded the demo workspace.')
  console.log(`  Demo sign-in: workspace "${DEMO.workspace}", user "${DEMO.adminUsername}", password "${DEMO.adminPassword}"`)
  console.log('')

  const child = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '-p', String(port)], {
    stdio: 'inherit',
    env,
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

main().catch((error: unknown) => {
  console.error('Switchboard failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
