/**
 * npm run bench:import — Users › Import's preview (dry run) and import of
 * 10,000 and 100,000 rows: first a file of new users (creates), then the same
 * file with 10% of the rows changed (updates), on PostgreSQL
 * (BENCH_DATABASE_URL, default a fresh database on 127.0.0.1:5432) and PGlite
 * (in memory). The lib functions the job worker and the API call run in this
 * process; the RSS growth is this process's peak above what it used before
 * (sampled every 25 ms). Targets on PostgreSQL: preview of 10,000 ≤ 3 s,
 * import ≤ 10 s; import of 100,000 ≤ 90 s with RSS growth ≤ 200 MB.
 * BENCH_ONLY=postgres|pglite, BENCH_SIZES=10000,100000.
 */
import Papa from 'papaparse'
import pg from 'pg'
import { openDb, type DbHandle } from '@/db/client'
import { groups, profiles } from '@/db/schema'
import { effectivePermissions } from '@/lib/auth/permissions'
import { readTableFile } from '@/lib/imports/read-table-file'
import { importUsers } from '@/lib/users/import-users-apply'
import { planUserImport } from '@/lib/users/import-users'
import { createTestWorkspace } from '@/testing/fixtures'
import { machine, writeReport } from './support'

const SIZES = (process.env.BENCH_SIZES || '10000,100000').split(',').map(Number)
const HEADER = ['Full name', 'Username', 'Email', 'Extension', 'Extension type', 'Role', 'Profile', 'Groups', 'Status', 'Force login']

function file(n: number, changed: (i: number) => boolean, tag: string): Buffer {
  const rows = [HEADER]
  for (let i = 0; i < n; i++) {
    const name = changed(i) ? `Agent ${tag} ${i} Changed` : `Agent ${tag} ${i}`
    rows.push([
      name,
      `agent.${tag}.${i}`,
      `agent.${tag}.${i}@bench.test`,
      '',
      '',
      'Agent',
      'Night shift',
      i % 3 ? 'Support' : 'Sales, Support',
      'active',
      'No',
    ])
  }
  return Buffer.from('\uFEFF' + Papa.unparse(rows, { newline: '\r\n' }))
}

async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; rssMb: number }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25)
  const t = performance.now()
  try {
    const value = await fn()
    return {
      value,
      seconds: (performance.now() - t) / 1000,
      rssMb: Math.max(0, (Math.max(peak, process.memoryUsage().rss) - before) / 1024 / 1024),
    }
  } finally {
    clearInterval(sampler)
  }
}

interface Line {
  db: string
  rows: number
  step: string
  seconds: number
  rssMb: number
  note: string
}

async function runOn(kind: 'postgres' | 'pglite', handle: DbHandle, lines: Line[]) {
  const db = handle.db
  for (const n of SIZES) {
    const ws = await createTestWorkspace(db, 'bench-import')
    await db.insert(groups).values([
      { tenantId: ws.tenantId, name: 'Support' },
      { tenantId: ws.tenantId, name: 'Sales' },
    ])
    await db.insert(profiles).values({ tenantId: ws.tenantId, role: 'Agent', name: 'Night shift' })
    const actor = { userId: ws.admin.id, tenantId: ws.tenantId, label: 'bench', permissions: effectivePermissions('Admin', null) }
    const run = { createMissingExtensions: false, skipErrors: false, fileName: 'bench.csv', jobId: null }
    const tag = Math.random().toString(36).slice(2, 6)
    for (const [step, bytes] of [
      ['creates', file(n, () => false, tag)],
      ['10% updates', file(n, (i) => i % 10 === 0, tag)],
    ] as const) {
      const preview = await measured(async () => planUserImport(db, actor, await readTableFile(bytes), run))
      const s = preview.value.preview.summary
      lines.push({
        db: kind,
        rows: n,
        step: `preview, ${step}`,
        seconds: preview.seconds,
        rssMb: preview.rssMb,
        note: `${s.create} create, ${s.update} update, ${s.unchanged} unchanged`,
      })
      const imported = await measured(async () => importUsers(db, actor, await readTableFile(bytes), run))
      const r = imported.value
      if (!r.written) throw new Error(`import wrote nothing: ${JSON.stringify(r.errors.slice(0, 3))}`)
      lines.push({
        db: kind,
        rows: n,
        step: `import, ${step}`,
        seconds: imported.seconds,
        rssMb: imported.rssMb,
        note: `${r.created} created, ${r.updated} updated`,
      })
      console.log(
        lines
          .slice(-2)
          .map((l) => `${l.db} ${l.rows} ${l.step}: ${l.seconds.toFixed(2)} s, +${l.rssMb.toFixed(0)} MB`)
          .join('\n'),
      )
    }
  }
}

async function main() {
  const lines: Line[] = []
  const only = process.env.BENCH_ONLY
  if (only !== 'pglite') {
    let url = process.env.BENCH_DATABASE_URL
    let made: string | null = null
    if (!url) {
      made = `switchboard_bench_import_${Date.now()}`
      const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${made}`)
      await admin.end()
      url = `postgres://postgres@127.0.0.1:5432/${made}`
    }
    const handle = await openDb({ url })
    try {
      await runOn('postgres', handle, lines)
    } finally {
      await handle.close()
      if (made) {
        const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
        await admin.connect()
        await admin.query(`DROP DATABASE ${made} WITH (FORCE)`)
        await admin.end()
      }
    }
  }
  if (only !== 'postgres') {
    const handle = await openDb({ url: '', pgliteDir: null })
    try {
      await runOn('pglite', handle, lines)
    } finally {
      await handle.close()
    }
  }
  const table = lines
    .map(
      (l) =>
        `| ${l.db} | ${l.rows.toLocaleString('en-GB')} | ${l.step} | ${l.seconds.toFixed(2)} s | ${l.rssMb.toFixed(0)} MB | ${l.note} |`,
    )
    .join('\n')
  writeReport(
    'import',
    `<!-- import:start -->
### Users › Import (\`npm run bench:import\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}. The preview (dry run) and the import of a CSV of new users, then of the same file with every tenth row changed, in the bench process (the code the job worker and the API run); RSS growth is that process's peak above its level before the step. Targets on PostgreSQL: preview of 10,000 ≤ 3 s, import ≤ 10 s; import of 100,000 ≤ 90 s with RSS growth ≤ 200 MB.

| Database | Rows | Step | Time | RSS growth | Outcome |
|---|---|---|---|---|---|
${table}
<!-- import:end -->`,
  )
}

await main()
