import 'server-only'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { openWith, sealWith, type Keyring } from './keyring'

/**
 * Re-seals one table's sealed column under the ring's current key, in
 * batches of 500 rows (each its own transaction, rows locked), so it can run
 * while the app serves. Rows are addressed by (tenant_id, `idColumn`); the AAD
 * is the owner's, as the code that sealed it wrote it. Returns how many.
 * (SIP secrets have their own: lib/extensions/rotate-sip-secrets.ts.)
 */
export interface SealedColumn {
  table: string
  idColumn: string
  ciphertextColumn: string
  keyIdColumn: string
  aad: (tenantId: string, id: string) => string
}

const BATCH = 500

/** `scope.tenantId` limits it to one workspace. */
export async function resealRows(db: Db, ring: Keyring, c: SealedColumn, scope: { tenantId?: string } = {}): Promise<number> {
  const t = sql.identifier(c.table)
  const id = sql.identifier(c.idColumn)
  const ct = sql.identifier(c.ciphertextColumn)
  const kid = sql.identifier(c.keyIdColumn)
  let done = 0
  let after = { tenantId: '00000000-0000-0000-0000-000000000000', id: '00000000-0000-0000-0000-000000000000' }
  for (;;) {
    const rows = await db.transaction(async (tx) => {
      const found = (await tx.execute(sql`
        SELECT tenant_id, ${id} AS id, ${ct} AS ciphertext, ${kid} AS key_id FROM ${t}
        WHERE ${ct} IS NOT NULL AND ${kid} <> ${ring.currentId} ${scope.tenantId ? sql`AND tenant_id = ${scope.tenantId}` : sql``}
          AND (tenant_id, ${id}) > (${after.tenantId}::uuid, ${after.id}::uuid)
        ORDER BY tenant_id, ${id} LIMIT ${BATCH} FOR UPDATE`)) as unknown as {
        rows: { tenant_id: string; id: string; ciphertext: string; key_id: string }[]
      }
      for (const row of found.rows) {
        let plaintext: string
        try {
          plaintext = openWith(ring, { ciphertext: row.ciphertext, keyId: row.key_id }, c.aad(row.tenant_id, row.id))
        } catch (error) {
          throw new Error(`${c.table} ${row.id} could not be opened: ${(error as Error).message}`)
        }
        const sealed = sealWith(ring, plaintext, c.aad(row.tenant_id, row.id))
        await tx.execute(
          sql`UPDATE ${t} SET ${ct} = ${sealed.ciphertext}, ${kid} = ${sealed.keyId} WHERE tenant_id = ${row.tenant_id} AND ${id} = ${row.id}`,
        )
      }
      return found.rows
    })
    done += rows.length
    if (rows.length < BATCH) return done
    const last = rows[rows.length - 1]!
    after = { tenantId: last.tenant_id, id: last.id }
  }
}
