/**
 * `npm test`: unit and integration tests (Vitest), then browser tests
 * (Playwright), then one closing line `N passed, N failed, N skipped`.
 * Both suites always run, so one failure doesn't hide another.
 * TEST_DATABASE_URL switches both from PGlite to fresh PostgreSQL databases.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const reports = path.resolve('.test-reports')
fs.rmSync(reports, { recursive: true, force: true })
fs.mkdirSync(reports, { recursive: true })
const bin = (name: string) => path.resolve('node_modules', '.bin', name)

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${label} (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) ===\n`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status ?? 1
}

const vitestJson = path.join(reports, 'vitest.json')
const playwrightJson = path.join(reports, 'playwright.json')
const unit = run('Unit and integration tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
])
/**
 * On PostgreSQL the browser tests are those whose outcome can depend on the
 * engine or on there being several processes: instances behind a balancer, the
 * live board's LISTEN, webhook and mail senders, import jobs, streamed exports,
 * bulk edits in batches, sign-in throttling and sessions, the API and SCIM. The
 * others (markup, layout, navigation, forms, accessibility) run on PGlite: the
 * same pages from the same queries, and every query of the app runs on
 * PostgreSQL in the Vitest pass above. Both passes in full took ~40 minutes on
 * this 2-core machine; E2E_ALL=1 runs every browser test on PostgreSQL too.
 */
const POSTGRES_E2E = [
  'e2e/cluster',
  'e2e/sessions',
  'e2e/settings/webhooks.spec.ts',
  'e2e/users/import.spec.ts',
  'e2e/users/export.spec.ts',
  'e2e/users/bulk-edit.spec.ts',
  'e2e/auth/sign-in.spec.ts',
  'e2e/auth/session.spec.ts',
  'e2e/auth/invitations.spec.ts',
  'e2e/integrations',
]
const e2eSpecs = process.env.TEST_DATABASE_URL && process.env.E2E_ALL !== '1' ? POSTGRES_E2E : []
const e2e = run('End-to-end tests in Chromium', bin('playwright'), ['test', ...e2eSpecs], { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson })

function read<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null
}
const v = read<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson)
const p = read<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(playwrightJson)
const passed = (v?.numPassedTests ?? 0) + (p?.stats.expected ?? 0)
let failed = (v?.numFailedTests ?? 0) + (p ? p.stats.unexpected + p.stats.flaky : 0)
const skipped = (v ? v.numPendingTests + v.numTodoTests : 0) + (p?.stats.skipped ?? 0)
// A suite that died before reporting counts as a failure, never as nothing.
if (!v || (unit !== 0 && v.numFailedTests === 0)) failed += 1
if (!p || (e2e !== 0 && p.stats.unexpected + p.stats.flaky === 0)) failed += 1
if (passed === 0) failed += 1

if (process.env.TEST_SUMMARY_FILE) fs.appendFileSync(process.env.TEST_SUMMARY_FILE, `${passed} ${failed} ${skipped}\n`)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(unit === 0 && e2e === 0 && failed === 0 ? 0 : 1)
