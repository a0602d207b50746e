/**
 * Test-support endpoint. It exists only in the e2e build (`SWITCHBOARD_E2E_BUILD=1`
 * compiles `*.e2e.ts`), and even there answers only with the per-run secret
 * the test runner generated. Browser tests use it to make their own data and
 * to read back what the app wrote, because PGlite can't be opened by a second process.
 */
import { EXTENSION_TYPES, PROFILE_SCOPES, ROLES, USER_STATUSES } from '@/db/enums'
import crypto from 'node:crypto'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { wholeWorkspace } from '@/lib/auth/scope'
import { z } from 'zod'
import { getDb, type Db } from '@/db/client'
import { auditEntries, dashboardSessions, extensions, groupManagers, groups, profiles, userGroups, users } from '@/db/schema'
import { loadUserForEdit } from '@/lib/users/load-user-for-edit'
import { callEligibility } from '@/lib/extensions/call-eligibility'
import { effectivePermissions } from '@/lib/auth/permissions'
import { createWebhook } from '@/lib/webhooks/manage-webhooks'
import { bumpSessionVersion, createTestUser, createTestWorkspace, loginEventsOf, seedPeople, setUserStatus } from '@/testing/fixtures'

const uuid = z.uuid()
const status = z.enum(USER_STATUSES)

/** One operation: its body schema and what it does with a valid body. */
function op<S extends z.ZodType>(body: S, run: (db: Db, input: z.infer<S>) => Promise<unknown>) {
  return async (db: Db, raw: unknown) => {
    const parsed = body.safeParse(raw)
    if (!parsed.success) return Response.json({ error: parsed.error.issues }, { status: 400 })
    return Response.json((await run(db, parsed.data)) ?? { ok: true })
  }
}

const operations: Record<string, (db: Db, raw: unknown) => Promise<Response>> = {
  // `prefix` lets a layout test use the widest slug a workspace can have (63 characters with the unique suffix).
  workspace: op(
    z.object({
      prefix: z
        .string()
        .regex(/^[a-z0-9-]{1,48}$/)
        .optional(),
    }),
    (db, { prefix }) => createTestWorkspace(db, prefix ?? 'e2e'),
  ),
  user: op(
    z.object({
      tenantId: uuid,
      role: z.enum(ROLES).optional(),
      status: status.optional(),
      fullName: z.string().max(200).optional(),
      profileId: uuid.optional(),
      department: z.string().max(200).optional(),
      /** Days since the last sign-in (none: never signed in). */
      lastLoginDaysAgo: z.number().int().min(0).optional(),
      groupIds: z.array(uuid).optional(),
      /** An extension of that number, made for them, with force login. */
      forceLoginExtension: z
        .string()
        .regex(/^[0-9]{2,10}$/)
        .optional(),
    }),
    async (db, b) => {
      const user = await createTestUser(db, b.tenantId, b)
      if (b.department !== undefined || b.lastLoginDaysAgo !== undefined) {
        await db
          .update(users)
          .set({
            ...(b.department !== undefined ? { department: b.department } : {}),
            ...(b.lastLoginDaysAgo !== undefined ? { lastLoginAt: new Date(Date.now() - b.lastLoginDaysAgo * 86_400_000) } : {}),
          })
          .where(and(eq(users.tenantId, b.tenantId), eq(users.id, user.id)))
      }
      if (b.forceLoginExtension) {
        const [ext] = await db.insert(extensions).values({ tenantId: b.tenantId, number: b.forceLoginExtension }).returning()
        await db
          .update(users)
          .set({ extensionId: ext!.id, forceLogin: true })
          .where(and(eq(users.tenantId, b.tenantId), eq(users.id, user.id)))
      }
      for (const groupId of b.groupIds ?? []) await db.insert(userGroups).values({ tenantId: b.tenantId, userId: user.id, groupId })
      return user
    },
  ),
  profile: op(
    z.object({
      tenantId: uuid,
      role: z.enum(ROLES),
      name: z.string().max(100),
      permissions: z.array(z.string()),
      scope: z.enum(PROFILE_SCOPES).optional(),
    }),
    async (db, b) => {
      const [row] = await db.insert(profiles).values(b).returning({ id: profiles.id })
      return row
    },
  ),
  /** A group with its managers (issue 22), for scoped personas. */
  group: op(z.object({ tenantId: uuid, name: z.string().max(100), managerIds: z.array(uuid).max(20).default([]) }), async (db, b) => {
    const [row] = await db.insert(groups).values({ tenantId: b.tenantId, name: b.name }).returning({ id: groups.id })
    for (const userId of b.managerIds) await db.insert(groupManagers).values({ tenantId: b.tenantId, groupId: row!.id, userId })
    return row
  }),
  /** The audit entries of an action, oldest first. */
  /** What the PBX would be told for an extension now. */
  eligibility: op(z.object({ tenantId: uuid, number: z.string() }), (db, b) => callEligibility(db, wholeWorkspace(b.tenantId), b.number)),
  'audit-entries': op(z.object({ tenantId: uuid, action: z.string() }), (db, b) =>
    db
      .select({ entityId: auditEntries.entityId, before: auditEntries.before, after: auditEntries.after })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, b.tenantId), eq(auditEntries.action, b.action)))
      .orderBy(auditEntries.createdAt),
  ),
  'user-statuses': op(z.object({ tenantId: uuid, ids: z.array(uuid).max(1000) }), async (db, b) =>
    Object.fromEntries(
      (
        await db
          .select({ id: users.id, status: users.status })
          .from(users)
          .where(and(eq(users.tenantId, b.tenantId), inArray(users.id, b.ids)))
      ).map((r) => [r.id, r.status]),
    ),
  ),
  people: op(z.object({ tenantId: uuid }), (db, b) => seedPeople(db, b.tenantId)),
  'set-status': op(z.object({ tenantId: uuid, userId: uuid, status }), (db, b) => setUserStatus(db, b.tenantId, b.userId, b.status)),
  'bump-session-version': op(z.object({ tenantId: uuid, userId: uuid }), (db, b) => bumpSessionVersion(db, b.tenantId, b.userId)),
  'login-events': op(z.object({ tenantId: uuid }), (db, b) => loginEventsOf(db, b.tenantId)),
  extension: op(z.object({ tenantId: uuid, number: z.string(), type: z.enum(EXTENSION_TYPES).optional() }), async (db, b) => {
    const [row] = await db.insert(extensions).values(b).returning({ id: extensions.id, number: extensions.number })
    return row
  }),
  'user-record': op(z.object({ tenantId: uuid, username: z.string() }), async (db, b) => {
    // Newest first: a deleted user and a live one may share the username.
    const [row] = await db
      .select({ id: users.id, deletedAt: users.deletedAt })
      .from(users)
      .where(and(eq(users.tenantId, b.tenantId), eq(users.username, b.username)))
      .orderBy(sql`${users.deletedAt} IS NULL DESC`, desc(users.createdAt))
      .limit(1)
    return row
      ? { id: row.id, deleted: row.deletedAt !== null, ...(await loadUserForEdit(db, wholeWorkspace(b.tenantId), row.id)) }
      : { id: null }
  }),
  // A query that fails with a password hash and a token among its parameters, left to Next's own error logging:
  // the e2e run then checks the server's whole log for them (e2e/support/global-teardown.ts).
  'failing-query': op(z.object({ tenantId: uuid, userId: uuid }), async (db, b) => {
    const token = `sb_${crypto.randomBytes(32).toString('base64url')}`
    await db.insert(users).values({
      tenantId: b.tenantId,
      id: b.userId,
      fullName: token,
      email: 'x@x.test',
      username: 'failing.query',
      passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${token}`,
    })
  }),
  'dashboard-sessions': op(z.object({ tenantId: uuid, userId: uuid }), (db, b) =>
    db
      .select({ id: dashboardSessions.id, endedAt: dashboardSessions.endedAt, endReason: dashboardSessions.endReason })
      .from(dashboardSessions)
      .where(and(eq(dashboardSessions.tenantId, b.tenantId), eq(dashboardSessions.userId, b.userId))),
  ),
  // A webhook of the workspace for user.created: by default to a receiver that isn't there and disabled (nothing is
  // sent to it in the page tests); with a url, enabled and sending there.
  webhook: op(z.object({ tenantId: uuid, url: z.url().optional() }), async (db, b) => {
    const actor = { userId: crypto.randomUUID(), tenantId: b.tenantId, label: 'e2e', permissions: effectivePermissions('Admin', null) }
    const made = await createWebhook(db, actor, {
      url: b.url ?? 'https://receiver.example.com/hooks',
      events: ['user.created'],
      enabled: b.url !== undefined,
    })
    if (!made.ok) throw new Error(JSON.stringify(made))
    return { id: made.id }
  }),
  // A user's open sessions reach their 12-hour end now (nothing else happens: the sweep must notice).
  'expire-sessions': op(z.object({ tenantId: uuid, userId: uuid }), (db, b) =>
    db
      .update(dashboardSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(dashboardSessions.tenantId, b.tenantId), eq(dashboardSessions.userId, b.userId))),
  ),
}

function authorised(request: Request): boolean {
  const expected = process.env.SWITCHBOARD_E2E_SECRET ?? ''
  const given = request.headers.get('x-e2e-secret') ?? ''
  if (expected.length < 32 || given.length !== expected.length) return false
  return crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))
}

export async function POST(request: Request, context: { params: Promise<{ op: string }> }) {
  const { op: name } = await context.params
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined
  if (process.env.SWITCHBOARD_E2E_BUILD !== '1' || !authorised(request) || !operation) {
    return new Response('Not found', { status: 404 })
  }
  return operation(await getDb(), await request.json())
}
