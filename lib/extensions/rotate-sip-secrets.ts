import 'server-only'
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { extensions } from '@/db/schema'
import type { Keyring } from '@/lib/crypto/keyring'
import { openSipSecret, sealSipSecret } from '@/lib/crypto/sip-secret'

const BATCH = 500

/**
 * Re-seals every SIP password that isn't under the current key, in batches
 * (each its own transaction, rows locked), so it can run while the app serves:
 * any secret opens with the old or the new key at every moment. Returns how
 * many were re-sealed. Throws, naming the extension, when a secret can't be
 * opened with any key of the ring (nothing is lost: that row stays as it was).
 * `scope.tenantId` limits it to one workspace.
 */
export async function rotateSipSecrets(db: Db, ring: Keyring, scope: { tenantId?: string } = {}): Promise<number> {
  let done = 0
  let after = { tenantId: '00000000-0000-0000-0000-000000000000', id: '00000000-0000-0000-0000-000000000000' }
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          tenantId: extensions.tenantId,
          id: extensions.id,
          number: extensions.number,
          ciphertext: extensions.sipSecretCiphertext,
          keyId: extensions.sipSecretKeyId,
        })
        .from(extensions)
        .where(
          and(
            isNotNull(extensions.sipSecretCiphertext),
            ne(extensions.sipSecretKeyId, ring.currentId),
            scope.tenantId ? eq(extensions.tenantId, scope.tenantId) : undefined,
            sql`(${extensions.tenantId}, ${extensions.id}) > (${after.tenantId}::uuid, ${after.id}::uuid)`,
          ),
        )
        .orderBy(asc(extensions.tenantId), asc(extensions.id))
        .limit(BATCH)
        .for('update')
      for (const row of rows) {
        let plaintext: string
        try {
          plaintext = openSipSecret(ring, row.tenantId, row.id, { ciphertext: row.ciphertext!, keyId: row.keyId! })
        } catch (error) {
          throw new Error(`Extension ${row.number} (${row.id}) could not be opened: ${(error as Error).message}`)
        }
        await tx
          .update(extensions)
          .set(sealSipSecret(ring, row.tenantId, row.id, plaintext))
          .where(and(eq(extensions.tenantId, row.tenantId), eq(extensions.id, row.id)))
      }
      return rows
    })
    done += batch.length
    if (batch.length < BATCH) return done
    const last = batch[batch.length - 1]!
    after = { tenantId: last.tenantId, id: last.id }
  }
}

/** How many SIP secrets are sealed with a key other than the current one. */
export async function secretsOutsideCurrentKey(db: Db, ring: Keyring, scope: { tenantId?: string } = {}): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(extensions)
    .where(
      and(
        isNotNull(extensions.sipSecretCiphertext),
        ne(extensions.sipSecretKeyId, ring.currentId),
        scope.tenantId ? eq(extensions.tenantId, scope.tenantId) : undefined,
      ),
    )
  return row?.n ?? 0
}
