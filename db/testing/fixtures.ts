import crypto from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { loginEvents, tenants, users, type Role, type UserStatus } from '../schema'
import { hashPassword } from '@/lib/auth/passwords'
import { createWorkspace } from '@/lib/workspaces/create-workspace'

/**
 * Test data builders shared by the integration tests and the e2e build's
 * test-support endpoint. Every name is unique, so tests never collide.
 */
export const uniqueSuffix = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`

export interface TestWorkspace {
  tenantId: string
  slug: string
  admin: TestUser
}

export interface TestUser {
  id: string
  username: string
  email: string
  password: string
}

export async function createTestWorkspace(db: Db, prefix = 'ws'): Promise<TestWorkspace> {
  const suffix = uniqueSuffix()
  const slug = `${prefix}-${suffix}`.slice(0, 63)
  const admin = { username: `admin.${suffix}`, email: `admin.${suffix}@example.test`, password: `Admin-pass-${suffix}` }
  const created = await createWorkspace(
    db,
    { slug, name: `Test ${suffix}`, adminUsername: admin.username, adminEmail: admin.email, adminPassword: admin.password },
    { userId: null, label: 'test' },
  )
  return { tenantId: created.tenantId, slug, admin: { id: created.adminUserId, ...admin } }
}

export async function createTestUser(
  db: Db,
  tenantId: string,
  options: { role?: Role; status?: UserStatus; fullName?: string; profileId?: string | null } = {},
): Promise<TestUser> {
  const suffix = uniqueSuffix()
  const u = { username: `user.${suffix}`, email: `User.${suffix}@Example.test`, password: `User-pass-${suffix}` }
  const [row] = await db
    .insert(users)
    .values({
      tenantId,
      fullName: options.fullName ?? `Test User ${suffix}`,
      username: u.username,
      email: u.email,
      passwordHash: await hashPassword(u.password),
      role: options.role ?? 'Agent',
      status: options.status ?? 'active',
      profileId: options.profileId ?? null,
    })
    .returning({ id: users.id })
  return { id: row!.id, ...u }
}

export async function setUserStatus(db: Db, tenantId: string, userId: string, status: UserStatus): Promise<void> {
  await db.update(users).set({ status }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
}

export async function bumpSessionVersion(db: Db, tenantId: string, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
}

export async function softDeleteUser(db: Db, tenantId: string, userId: string): Promise<void> {
  await db.update(users).set({ deletedAt: sql`now()` }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
}

export async function loginEventsOf(db: Db, tenantId: string) {
  return db
    .select({ userId: loginEvents.userId, identifier: loginEvents.identifier, kind: loginEvents.kind, outcome: loginEvents.outcome, ip: loginEvents.ip, userAgent: loginEvents.userAgent })
    .from(loginEvents)
    .where(eq(loginEvents.tenantId, tenantId))
    .orderBy(loginEvents.id)
}

export async function tenantIdOf(db: Db, slug: string): Promise<string> {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug))
  if (!row) throw new Error(`No workspace ${slug}`)
  return row.id
}
