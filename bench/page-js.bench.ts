/**
 * `npm run bench:js`: the JavaScript each main page makes the browser load,
 * gzipped, as Chromium fetches it from a production build (`npm start` on a
 * fresh embedded database with the demo workspace). Goal (issue 14): /users ≤ 130 KB.
 * Writes the table into docs/performance.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium } from '@playwright/test'
import { DEMO } from '@/lib/workspaces/seed-demo'
import { chromiumPath } from '@/testing/e2e/chromium'
import { signIn } from '@/testing/e2e/sign-in'
import { benchEnv, machine, startServer, stopServer, waitForServer, writeReport } from './support'

const PORT = 3410
const base = `http://localhost:${PORT}`
const PAGES = ['/users', '/users/new', '/settings/groups', '/reports/users', '/account']
const GOAL_KB = 130

process.env.BENCH_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-js-'))
const server = startServer(benchEnv('pglite', PORT))
try {
  await waitForServer(`${base}/sign-in`, server)
  const browser = await chromium.launch({ executablePath: chromiumPath() })
  const page = await browser.newPage({ baseURL: base })
  await signIn(page, { workspace: DEMO.workspace, identifier: DEMO.adminUsername, password: DEMO.adminPassword })
  const rows: string[] = []
  let usersKb = 0
  for (const pathname of PAGES) {
    // A fresh context per page: every script counts, as on a first visit.
    const context = await browser.newContext({ baseURL: base, storageState: await page.context().storageState() })
    const tab = await context.newPage()
    const scripts = new Map<string, Buffer>()
    tab.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body().catch(() => Buffer.alloc(0)))
    })
    await tab.goto(pathname, { waitUntil: 'networkidle' })
    const raw = [...scripts.values()].reduce((n, b) => n + b.length, 0)
    const gzip = [...scripts.values()].reduce((n, b) => n + zlib.gzipSync(b).length, 0)
    const kb = gzip / 1024
    if (pathname === '/users') usersKb = kb
    rows.push(`| ${pathname} | ${scripts.size} | ${(raw / 1024).toFixed(0)} KB | ${kb.toFixed(1)} KB |`)
    await context.close()
  }
  await browser.close()
  const report = [
    '<!-- page-js:start -->',
    `## ${new Date().toISOString().slice(0, 10)} — JavaScript per page (\`npm run bench:js\`)`,
    '',
    `Machine: ${machine()}. Production build, Chromium, first visit (no cache); gzip level 6 of what the browser received.`,
    `Goal: /users ≤ ${GOAL_KB} KB gzipped — ${usersKb <= GOAL_KB ? 'met' : 'NOT met'} (${usersKb.toFixed(1)} KB).`,
    '',
    '| Page | Scripts | Raw | Gzipped |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '<!-- page-js:end -->',
  ].join('\n')
  console.log(report)
  writeReport('page-js', report)
} finally {
  await stopServer(server)
}
