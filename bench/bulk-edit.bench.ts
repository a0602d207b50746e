/**
 * npm run bench:bulk-edit (part of npm run bench) — Users › Edit on many
 * users at once, through bulkEditUsers (what the list's dialog, its no-JS page
 * and POST /api/v1/users/bulk run), in a workspace of 100,000 users (seed:bulk's
 * mix) on PostgreSQL (BENCH_DATABASE_URL, else a database made for the run)
 * and of 10,000 on PGlite (in memory): a dry run and the edit of "add a group"
 * for the users of two departments (~33,000 of 100,000), then a job title for
 * every Agent (~80,000). Each changed user gets an audit entry; the
 * bench counts them. Target on PostgreSQL: the group for ~30,000 users ≤ 15 s.
 * BENCH_ONLY=postgres|pglite.
 */
import { and, count, eq } from 'drizzle-orm'
import { openDb, type DbHandle } from '@/db/client'
import { auditEntries, groups, users } from '@/db/schema'
import { effectivePermissions } from '@/lib/auth/permissions'
import { bulkEditUsers } from '@/lib/users/manage-users-bulk-edit'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'
import { BENCH_PASSWORD, machine, withBenchPostgres, writeReport } from './support'

interface Line {
  db: string
  workspace: number
  step: string
  matched: number
  updated: number
  audited: number | null
  seconds: number
}

async function runOn(kind: 'postgres' | 'pglite', handle: DbHandle, size: number, lines: Line[]) {
  const db = handle.db
  const t0 = performance.now()
  const { tenantId } = await bulkSeed(db, { slug: 'bench-bulk', users: size, adminPassword: BENCH_PASSWORD })
  console.log(`${kind}: seeded ${size} users in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, 'admin')))
  const actor = { userId: admin!.id, tenantId, label: 'bench', permissions: effectivePermissions('Admin', null) }
  const [group] = await db.insert(groups).values({ tenantId, name: 'Bulk bench' }).returning({ id: groups.id })
  const audits = async () =>
    (
      await db
        .select({ n: count() })
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, tenantId), eq(auditEntries.action, 'user.update')))
    )[0]!.n

  const steps: [string, Record<string, unknown>][] = [
    [
      'dry run: add a group, 2 departments',
      { filter: { department: ['Sales', 'Billing'] }, set: { addGroupIds: [group!.id] }, dryRun: true },
    ],
    ['add a group, 2 departments', { filter: { department: ['Sales', 'Billing'] }, set: { addGroupIds: [group!.id] } }],
    ['job title, every Agent', { filter: { role: ['Agent'] }, set: { jobTitle: 'Contact centre' } }],
  ]
  for (const [step, input] of steps) {
    const before = await audits()
    const t = performance.now()
    const result = await bulkEditUsers(db, actor, input)
    const seconds = (performance.now() - t) / 1000
    if (!result.ok) throw new Error(`${step}: ${JSON.stringify(result)}`)
    const audited = input.dryRun ? null : (await audits()) - before
    lines.push({ db: kind, workspace: size, step, matched: result.results.length, updated: result.updated, audited, seconds })
    console.log(`${kind} ${step}: ${result.results.length} matched, ${result.updated} updated in ${seconds.toFixed(2)} s`)
  }
}

async function main() {
  const lines: Line[] = []
  const only = process.env.BENCH_ONLY
  if (only !== 'pglite') {
    await withBenchPostgres('bulk_edit', async (url) => {
      const handle = await openDb({ url })
      try {
        await runOn('postgres', handle, 100_000, lines)
      } finally {
        await handle.close()
      }
    })
  }
  if (only !== 'postgres') {
    const handle = await openDb({ url: '', pgliteDir: null })
    try {
      await runOn('pglite', handle, 10_000, lines)
    } finally {
      await handle.close()
    }
  }
  const number = (n: number) => n.toLocaleString('en-GB')
  const table = lines
    .map(
      (l) =>
        `| ${l.db} | ${number(l.workspace)} | ${l.step} | ${number(l.matched)} | ${number(l.updated)} | ${l.audited === null ? '—' : number(l.audited)} | ${l.seconds.toFixed(2)} s |`,
    )
    .join('\n')
  writeReport(
    'bulk-edit',
    `<!-- bulk-edit:start -->
### Users › Edit on many users (\`npm run bench:bulk-edit\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}. bulkEditUsers in the bench process (the code the list's dialog, its no-JS page and \`POST /api/v1/users/bulk\` run) on a seed:bulk workspace: every user checked against the user form's rules, only the chosen columns written, batches of 1,000 users per transaction, one audit entry per changed user. Target on PostgreSQL: a group added to ~30,000 users ≤ 15 s.

| Database | Users in the workspace | Step | Matched | Updated | Audit entries | Time |
|---|---|---|---|---|---|---|
${table}
<!-- bulk-edit:end -->`,
  )
}

await main()
