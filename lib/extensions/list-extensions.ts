import 'server-only'
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { containsPattern, escapeLike } from '@/lib/db/like'
import { searchTerm } from '@/lib/validation/text-rules'

export const EXTENSIONS_PAGE_SIZE = 50

/**
 * One page of the workspace's extensions in number order, each with the user
 * holding it. `q` matches the number (from its start) or the holder's name or
 * username (anywhere).
 */
export async function listExtensions(db: Queryable, tenantId: string, options: { q: string; page: number }) {
  const q = searchTerm(options.q, 100)
  const holder = and(eq(users.tenantId, extensions.tenantId), eq(users.id, extensions.userId))
  const rows = await db
    .select({
      id: extensions.id,
      number: extensions.number,
      type: extensions.type,
      voicemailEnabled: extensions.voicemailEnabled,
      hasSipPassword: sql<boolean>`${extensions.sipSecretCiphertext} IS NOT NULL`,
      userId: users.id,
      userName: users.fullName,
      username: users.username,
    })
    .from(extensions)
    .leftJoin(users, holder)
    .where(
      and(
        eq(extensions.tenantId, tenantId),
        q
          ? or(
              sql`${extensions.number} LIKE ${`${escapeLike(q)}%`}`,
              ilike(users.fullName, containsPattern(q)),
              ilike(users.username, containsPattern(q)),
            )
          : undefined,
      ),
    )
    .orderBy(sql`length(${extensions.number})`, asc(extensions.number))
    .limit(EXTENSIONS_PAGE_SIZE + 1)
    .offset((options.page - 1) * EXTENSIONS_PAGE_SIZE)
  return { rows: rows.slice(0, EXTENSIONS_PAGE_SIZE), hasMore: rows.length > EXTENSIONS_PAGE_SIZE }
}

/** One extension of the workspace for its edit page (never the secret itself), or null. */
export async function findExtension(db: Queryable, tenantId: string, id: string) {
  const [row] = await db
    .select({
      id: extensions.id,
      number: extensions.number,
      type: extensions.type,
      voicemailEnabled: extensions.voicemailEnabled,
      hasVoicemailPin: sql<boolean>`${extensions.voicemailPinHash} IS NOT NULL`,
      voicemailEmail: extensions.voicemailEmail,
      hasSipPassword: sql<boolean>`${extensions.sipSecretCiphertext} IS NOT NULL`,
      version: extensions.version,
      userId: users.id,
      userName: users.fullName,
      username: users.username,
    })
    .from(extensions)
    .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.id, extensions.userId)))
    .where(and(eq(extensions.tenantId, tenantId), eq(extensions.id, id)))
  return row ?? null
}
