import 'server-only'
import { and, asc, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import { profiles, users } from '@/db/schema'

/** The workspace's profiles (or just `onlyId`) with how many users hold each. */
export async function listProfiles(db: Queryable, tenantId: string, onlyId?: string) {
  return db
    .select({
      id: profiles.id,
      name: profiles.name,
      role: profiles.role,
      description: profiles.description,
      permissions: profiles.permissions,
      scope: profiles.scope,
      holders: count(users.id),
    })
    .from(profiles)
    .leftJoin(users, and(eq(users.tenantId, profiles.tenantId), eq(users.profileId, profiles.id)))
    .where(and(eq(profiles.tenantId, tenantId), onlyId ? eq(profiles.id, onlyId) : undefined))
    .groupBy(profiles.tenantId, profiles.id)
    .orderBy(asc(profiles.role), asc(profiles.name))
}

export async function findProfile(db: Queryable, tenantId: string, rawId: string) {
  const id = z.uuid().safeParse(rawId)
  if (!id.success) return null
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.tenantId, tenantId), eq(profiles.id, id.data)))
  return row ?? null
}
