/**
 * npm run bench:page-weight — what one page of the users list costs: its HTML
 * for 25 rows (bytes as sent without compression, and gzipped), and the
 * server's requests/s at 10 connections next to the framework's floor (a page
 * that runs no query of its own: /reports). On PostgreSQL with BENCH_USERS
 * (100,000) in the workspace, the production build, autocannon for
 * BENCH_SECONDS (5) per page and round, BENCH_ROUNDS (3) rounds. Targets (issue 21): HTML ≤ 45 KB; the users
 * page's CPU per request within 2.5× of the floor's (requests/s ratio).
 */
import fs from 'node:fs'
import zlib from 'node:zlib'
import autocannon from 'autocannon'
import { openDb } from '@/db/client'
import { bulkSeed } from '@/lib/workspaces/seed-bulk'
import {
  BENCH_PASSWORD,
  machine,
  postgresServerEnv,
  quantile,
  signIn,
  startServer,
  stopServer,
  waitForServer,
  withBenchPostgres,
  writeReport,
} from './support'

const USERS = Number(process.env.BENCH_USERS || 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS || 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const PORT = Number(process.env.BENCH_PORT || 3303)
/** The bytes of the inline scripts that carry the RSC payload (what hydration reads), of a page's HTML. */
const rscPayloadBytes = (html: string) =>
  [...html.matchAll(/<script[^>]*>(self\.__next_f\.push[\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0)

const PAGES: [string, string][] = [
  ['/reports (the floor)', '/reports'],
  ['/users', '/users'],
  ['/users, a search', '/users?q=kafo'],
  ['/users, page 200', '/users?page=200'],
]

await withBenchPostgres('page_weight', async (url) => {
  const handle = await openDb({ url })
  try {
    await bulkSeed(handle.db, { slug: 'bench', users: USERS, adminPassword: BENCH_PASSWORD })
  } finally {
    await handle.close()
  }
  const child = startServer(postgresServerEnv(url, PORT))
  const rows: { page: string; kb: number; payloadKb: number; gzipKb: number; perSecond: number }[] = []
  try {
    const base = `http://localhost:${PORT}`
    await waitForServer(`${base}/sign-in`, child)
    const cookie = await signIn(base)
    for (const [page, path] of PAGES) {
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
      const html = Buffer.from(await res.arrayBuffer())
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
      if (process.env.BENCH_DUMP_DIR) fs.writeFileSync(`${process.env.BENCH_DUMP_DIR}/${path.replace(/\W+/g, '_')}.html`, html)
      await autocannon({ url: `${base}${path}`, connections: 10, amount: 200, headers: { cookie } })
      rows.push({
        page,
        kb: html.length / 1024,
        payloadKb: rscPayloadBytes(html.toString()) / 1024,
        gzipKb: zlib.gzipSync(html).length / 1024,
        perSecond: 0,
      })
    }
    // Rounds that take every page in turn, the median of each page's: this machine's speed drifts by a third within
    // minutes (the floor read 118, then 164 req/s), so a page measured alone after another says more of the drift
    // than of the page.
    const rounds: number[][] = PAGES.map(() => [])
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, [, path]] of PAGES.entries()) {
        const out = await autocannon({ url: `${base}${path}`, connections: 10, duration: SECONDS, headers: { cookie } })
        if (out.non2xx || out.errors) throw new Error(`${path}: ${out.non2xx} non-2xx, ${out.errors} errors under load`)
        rounds[i]!.push(out.requests.average)
      }
    for (const [i, row] of rows.entries()) {
      row.perSecond = quantile(rounds[i]!, 0.5)
      console.log(row, rounds[i])
    }
  } finally {
    await stopServer(child)
  }
  const floor = rows[0]!.perSecond
  writeReport(
    'page-weight',
    `<!-- page-weight:start -->
### Page weight and CPU per request (\`npm run bench:page-weight\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}, PostgreSQL 15, ${USERS.toLocaleString('en-GB')} users in the workspace, the production build; each page's HTML as sent (uncompressed, and what gzip makes of it), then autocannon with 10 connections, ${ROUNDS} rounds of ${SECONDS} s taking the pages in turn, the median round. "× floor" is the floor page's requests/s over this page's: its CPU per request relative to the framework's own (target ≤ 2.5×; HTML target ≤ 45 KB for 25 rows).

| Page | HTML | of which the RSC payload | gzip | Requests/s (10 connections) | × floor |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.page} | ${r.kb.toFixed(1)} KB | ${r.payloadKb.toFixed(1)} KB | ${r.gzipKb.toFixed(1)} KB | ${r.perSecond.toFixed(0)} | ${(floor / r.perSecond).toFixed(2)} |`).join('\n')}
<!-- page-weight:end -->`,
  )
})
