/**
 * npm run bench: what a sign-in costs (argon2id at OWASP's minimum, plus the
 * queries and writes around it) and what the per-request session check costs,
 * on PGlite and, with BENCH_DATABASE_URL, on PostgreSQL. Not a test: it prints
 * numbers for docs/performance.md.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { openDb, type DbHandle } from '@/db/client'
import { createTestUser, createTestWorkspace } from '@/testing/fixtures'
import { createFreshDatabase, dropDatabase } from '@/testing/fresh-database'
import { hashPassword } from '@/lib/auth/passwords'
import { loadSessionUser } from '@/lib/auth/session-user'
import { verifyCredentials } from '@/lib/auth/verify-credentials'

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${samples.length})`
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn(i)
    out.push(performance.now() - t)
  }
  return out
}

async function bench(label: string, handle: DbHandle) {
  const db = handle.db
  const ws = await createTestWorkspace(db, 'bench')
  const user = await createTestUser(db, ws.tenantId)
  const creds = { workspace: ws.slug, identifier: user.username, password: user.password }
  let n = 0
  const client = () => ({ ip: `10.9.${(n >> 8) & 255}.${n++ & 255}`, userAgent: 'bench' })

  const ok = await time(30, () => verifyCredentials(db, creds, client()))
  const wrong = await time(30, () => verifyCredentials(db, { ...creds, identifier: `nobody${n}` }, client()))
  const signedIn = await verifyCredentials(db, creds, client())
  if (!signedIn.ok) throw new Error('bench sign-in failed')
  const claims = {
    userId: signedIn.userId,
    tenantId: signedIn.tenantId,
    sessionVersion: signedIn.sessionVersion,
    sessionId: signedIn.sessionId,
  }
  const check = await time(500, () => loadSessionUser(db, claims))
  console.log(`${label}: successful sign-in            ${stats(ok)}`)
  console.log(`${label}: failed sign-in (unknown user) ${stats(wrong)}`)
  console.log(`${label}: per-request session check     ${stats(check)}`)
}

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
)
console.log(`argon2id hash (m=19 MiB, t=2, p=1)       ${stats(await time(20, () => hashPassword('bench-password-123')))}`)

const openStart = performance.now()
const pglite = await openDb({ url: '', pgliteDir: null })
console.log(`PGlite: open + migrate (in memory)       ${(performance.now() - openStart).toFixed(0)} ms`)
try {
  await bench('PGlite', pglite)
} finally {
  await pglite.close()
}

const admin = process.env.BENCH_DATABASE_URL
if (admin) {
  const url = await createFreshDatabase(admin, 'sb_bench')
  const pgStart = performance.now()
  const pgHandle = await openDb({ url })
  console.log(`PostgreSQL: open + migrate (fresh db)     ${(performance.now() - pgStart).toFixed(0)} ms`)
  try {
    await bench('PostgreSQL', pgHandle)
  } finally {
    await pgHandle.close()
    await dropDatabase(admin, url)
  }
} else {
  console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)')
}
