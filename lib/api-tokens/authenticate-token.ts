import 'server-only'
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { apiTokens, profiles, users, type Role } from '@/db/schema'
import { effectivePermissions, type Permission } from '@/lib/auth/permissions'
import { scopeSizeColumn } from '@/lib/auth/scope'
import { bearerToken, hashApiToken } from './token-secret'

export interface TokenUser {
  id: string
  tenantId: string
  username: string
  role: Role
  permissions: ReadonlySet<Permission>
  /** Scoped to the groups they manage (lib/auth/scope.ts). */
  scoped: boolean
  scopeSize?: number
  tokenId: string
}

/** Record a token's use at most once a minute: a busy integration shouldn't write a row per request. */
const LAST_USED_RESOLUTION = sql`interval '1 minute'`

/**
 * The user behind an `Authorization: Bearer` header, with their permissions
 * as of now, or null. Unknown, revoked and expired tokens, and tokens of
 * inactive or deleted users, all come back as the same null.
 */
export async function authenticateApiToken(db: Db, authorization: string | null): Promise<TokenUser | null> {
  const token = bearerToken(authorization)
  if (!token) return null
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      tenantId: apiTokens.tenantId,
      id: users.id,
      username: users.username,
      role: users.role,
      profilePermissions: profiles.permissions,
      profileScope: profiles.scope,
      scopeSize: scopeSizeColumn(profiles.scope),
      stale: sql<boolean>`${apiTokens.lastUsedAt} IS NULL OR ${apiTokens.lastUsedAt} < now() - ${LAST_USED_RESOLUTION}`,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
        isNull(users.deletedAt),
        eq(users.status, 'active'),
      ),
    )
    .limit(1)
  if (!row) return null
  if (row.stale) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.tenantId, row.tenantId), eq(apiTokens.id, row.tokenId)))
  }
  return {
    id: row.id,
    tenantId: row.tenantId,
    username: row.username,
    role: row.role,
    permissions: effectivePermissions(row.role, row.profilePermissions),
    scoped: row.profileScope === 'managed_groups',
    ...(row.scopeSize !== null ? { scopeSize: row.scopeSize } : {}),
    tokenId: row.tokenId,
  }
}
