/**
 * npm run seed:bulk -- --workspace bench --users 100000 [--others 2] [--other-users 100000]
 * Builds a large workspace (and optional other large ones) for benchmarks.
 */
import { parseArgs } from 'node:util'
import { openDb } from '@/db/client'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'

const USAGE = 'Usage: npm run seed:bulk -- --workspace SLUG --users N [--others K] [--other-users N] [--password P]'
const { values } = parseArgs({
  strict: true,
  options: {
    workspace: { type: 'string' },
    users: { type: 'string' },
    others: { type: 'string', default: '0' },
    'other-users': { type: 'string', default: '100000' },
    password: { type: 'string', default: 'bench-password-123' },
  },
})
const users = Number(values.users)
const others = Number(values.others)
const otherUsers = Number(values['other-users'])
if (
  !values.workspace ||
  !Number.isInteger(users) ||
  users < 1 ||
  !Number.isInteger(others) ||
  others < 0 ||
  !Number.isInteger(otherUsers)
) {
  console.error(USAGE)
  process.exit(2)
}

const handle = await openDb()
try {
  for (const [slug, count] of [
    [values.workspace, users],
    ...Array.from({ length: others }, (_, i) => [`${values.workspace}-other-${i + 1}`, otherUsers] as const),
  ] as const) {
    const started = performance.now()
    await bulkSeed(handle.db, { slug, users: count, adminPassword: values.password })
    console.log(
      `Seeded workspace "${slug}" with ${count} users in ${((performance.now() - started) / 1000).toFixed(1)} s (${handle.kind}); admin "admin" / "${values.password}"`,
    )
  }
} finally {
  await handle.close()
}
