import { eq } from 'drizzle-orm'
import { openDb } from '@/db/client'
import { tenants } from '@/db/schema'
import { exportRows } from '@/lib/exports/export-rows'
import { csvStream, textCells } from '@/lib/exports/formats'
import { EXPORT_COLUMNS } from '@/lib/exports/export-rows'
import { parseUserListParams } from '@/lib/users/list-params'
const h = await openDb(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { url: '', pgliteDir: '.data-bench-pglite' })
const [t] = await h.db.select().from(tenants).where(eq(tenants.slug, 'bench'))
const params = { ...parseUserListParams({}), page: 1 }
const batch = Number(process.env.BATCH || 1000)
for (let k = 0; k < 3; k++) {
  let t0 = performance.now(); let n = 0
  for await (const b of exportRows(h.db, t!.id, params, batch)) n += b.length
  const read = performance.now() - t0
  t0 = performance.now(); let bytes = 0
  const s = csvStream(EXPORT_COLUMNS.map(c => c.header), exportRows(h.db, t!.id, params, batch), (r) => textCells(r, true), async () => {})
  const reader = s.getReader()
  for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.length }
  console.log(`rows ${n} read ${(read/1000).toFixed(2)} s; read+csv ${((performance.now()-t0)/1000).toFixed(2)} s ${(bytes/2**20).toFixed(1)} MB`)
}
await h.close()
