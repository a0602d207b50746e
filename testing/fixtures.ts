import { effectivePermissions } from '@/lib/auth/permissions'
import crypto from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { extensions, groups, loginEvents, profiles, userGroups, users, type Role, type UserStatus } from '@/db/schema'
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
  await db
    .update(users)
    .set({ status })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
}

export async function bumpSessionVersion(db: Db, tenantId: string, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
}

export async function softDeleteUser(db: Db, tenantId: string, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
}

export async function loginEventsOf(db: Db, tenantId: string) {
  return db
    .select({
      userId: loginEvents.userId,
      identifier: loginEvents.identifier,
      kind: loginEvents.kind,
      outcome: loginEvents.outcome,
      factor: loginEvents.factor,
      ip: loginEvents.ip,
      userAgent: loginEvents.userAgent,
    })
    .from(loginEvents)
    .where(eq(loginEvents.tenantId, tenantId))
    .orderBy(loginEvents.id)
}

interface Person {
  key: string
  fullName: string
  username: string
  role: Role
  status?: UserStatus
  notes?: string
  ext?: { number: string; type: 'SIP' | 'WebRTC' }
  profile?: 'leads'
  groups?: ('support' | 'sales')[]
  lastLogin?: string
}

/** Five people with every searchable and filterable attribute, for the users-list tests. */
export const PEOPLE: Person[] = [
  {
    key: 'ana',
    fullName: 'Ana Lima',
    username: 'ana.lima',
    role: 'Agent',
    ext: { number: '201', type: 'SIP' },
    groups: ['support'],
    notes: 'Covers 100% of the queue_a line',
    lastLogin: '2026-11-20T09:00:00Z',
  },
  {
    key: 'bo',
    fullName: 'Bo Chen',
    username: 'bo.chen',
    role: 'Agent',
    ext: { number: '202', type: 'WebRTC' },
    groups: ['support', 'sales'],
    lastLogin: '2026-11-22T09:00:00Z',
  },
  { key: 'cy', fullName: 'Cy Okafor', username: 'cy.okafor', role: 'Supervisor', profile: 'leads', groups: ['sales'], status: 'inactive' },
  {
    key: 'di',
    fullName: 'Di Müller',
    username: 'di_mueller',
    role: 'Supervisor',
    ext: { number: '301', type: 'SIP' },
    notes: "O'Brien's backup \\ escalation",
    lastLogin: '2026-11-21T09:00:00Z',
  },
  { key: 'ed', fullName: 'Ed Xu', username: 'ed.xu', role: 'Admin', status: 'inactive' },
]

export async function seedPeople(db: Db, tenantId: string) {
  const hash = await hashPassword('irrelevant-password')
  const groupIds: Record<string, string> = {}
  for (const [key, name] of [
    ['support', 'Support Desk'],
    ['sales', 'Sales Team'],
  ] as const) {
    const [row] = await db.insert(groups).values({ tenantId, name }).returning()
    groupIds[key] = row!.id
  }
  const [leads] = await db
    .insert(profiles)
    .values({ tenantId, role: 'Supervisor', name: 'Shift Leads', permissions: ['users.read'] })
    .returning()
  const profileIds: Record<string, string> = { leads: leads!.id }
  const ids: Record<string, string> = {}
  for (const p of PEOPLE) {
    const [ext] = p.ext ? await db.insert(extensions).values({ tenantId, number: p.ext.number, type: p.ext.type }).returning() : [undefined]
    const [row] = await db
      .insert(users)
      .values({
        tenantId,
        fullName: p.fullName,
        username: p.username,
        email: `${p.username}@Calls.Example`,
        passwordHash: hash,
        role: p.role,
        status: p.status ?? 'active',
        notes: p.notes ?? '',
        extensionId: ext?.id ?? null,
        profileId: p.profile ? profileIds[p.profile]! : null,
        lastLoginAt: p.lastLogin ? new Date(p.lastLogin) : null,
      })
      .returning()
    ids[p.key] = row!.id
    for (const grp of p.groups ?? []) await db.insert(userGroups).values({ tenantId, userId: row!.id, groupId: groupIds[grp]! })
  }
  return { ids, groups: groupIds, profiles: profileIds }
}

/** The workspace's first admin as the acting user of a lib function, with the permissions of `role`. */
export function actorOf(ws: TestWorkspace, role: Role = 'Admin') {
  return { userId: ws.admin.id, tenantId: ws.tenantId, label: ws.admin.username, permissions: effectivePermissions(role, null) }
}
