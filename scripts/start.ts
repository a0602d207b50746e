/**
 * `npm start`: everything a newcomer needs after `npm ci`. Checks configuration,
 * builds if needed, migrates, seeds the demo workspace into an empty embedded
 * database (PostgreSQL only with SEED_DEMO=1), then serves the portal.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { dataDir, openDb } from '@/db/client'
import { ConfigError, loadSecrets } from '@/lib/config/secrets'
import { buildIfNeeded } from './build-if-needed'
import { prepareFirstStart, type FirstStart } from './first-start'
import { serverHeapFlags } from './server-heap'
import { typescriptProcess } from './typescript-process'

async function main() {
  const port = Number(process.env.PORT || 3000)
  const embedded = !process.env.DATABASE_URL
  let secrets
  let heapFlags: string[]
  try {
    secrets = loadSecrets()
    heapFlags = serverHeapFlags(process.env)
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
  let firstStart: FirstStart
  try {
    firstStart = await prepareFirstStart(handle.db, {
      embedded,
      seedDemo: process.env.SEED_DEMO === '1',
      encryptionKey: secrets.encryptionKey,
    })
  } finally {
    await handle.close()
  }

  const url = `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXTAUTH_URL: process.env.NEXTAUTH_URL || url }
  if (embedded) env.DATA_DIR = dataDir()

  console.log('')
  console.log(`  Switchboard is starting on ${url}`)
  console.log(
    `  Database: ${embedded ? `embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dataDir()) || '.'}` : 'PostgreSQL (DATABASE_URL)'}`,
  )
  for (const line of firstStart.lines) console.log(`  ${line}`)
  console.log('')

  // Our own server in front of Next (scripts/serve.ts): it alone knows the socket's address.
  const serve = typescriptProcess(path.join('scripts', 'serve.ts'), { nodeFlags: heapFlags })
  const child = spawn(serve.command, serve.args, {
    stdio: 'inherit',
    env: { ...env, PORT: String(port), NODE_ENV: 'production' },
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

main().catch((error: unknown) => {
  console.error('Switchboard failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
