import 'server-only'
import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Queryable } from '@/db/client'
import { searchTerm } from '@/lib/validation/text-rules'
import { auditEntries, users } from '@/db/schema'

export const AUDIT_PAGE_SIZE = 50

export interface AuditFilter {
  /** Entries about this user or made by them (a deleted user's too). */
  username?: string
  action?: string | null
  /** The kind of object (entity type): user, extension, group… */
  object?: string | null
  /** From this instant (inclusive) to that one (exclusive): the page turns days in the workspace's zone into these. */
  from?: Date | null
  to?: Date | null
  page: number
}

/** One page of the workspace's audit log, newest first, filtered (the caller has checked the values against their lists). */
export async function listAudit(db: Queryable, tenantId: string, options: AuditFilter) {
  let userId: string | null = null
  const username = searchTerm(options.username, 64).toLowerCase()
  if (options.username) {
    if (!username) return { rows: [], hasMore: false, userFound: false }
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.username, username)))
      .orderBy(sql`${users.deletedAt} IS NULL DESC`, desc(users.createdAt))
      .limit(1)
    if (!user) return { rows: [], hasMore: false, userFound: false }
    userId = user.id
  }
  const subject = alias(users, 'subject')
  const rows = await db
    .select({
      id: auditEntries.id,
      at: auditEntries.createdAt,
      actor: auditEntries.actorLabel,
      action: auditEntries.action,
      entityType: auditEntries.entityType,
      entityId: auditEntries.entityId,
      subjectName: subject.fullName,
      before: auditEntries.before,
      after: auditEntries.after,
      ip: auditEntries.ip,
    })
    .from(auditEntries)
    .leftJoin(
      subject,
      // Only user entries hold a uuid here; the CASE keeps other ids from being cast, and the join on the users key.
      and(
        eq(subject.tenantId, auditEntries.tenantId),
        eq(subject.id, sql`(CASE WHEN ${auditEntries.entityType} = 'user' THEN ${auditEntries.entityId}::uuid END)`),
      ),
    )
    .where(
      and(
        eq(auditEntries.tenantId, tenantId),
        userId
          ? or(and(eq(auditEntries.entityType, 'user'), eq(auditEntries.entityId, userId)), eq(auditEntries.actorUserId, userId))
          : undefined,
        options.action ? eq(auditEntries.action, options.action) : undefined,
        options.object ? eq(auditEntries.entityType, options.object) : undefined,
        options.from ? gte(auditEntries.createdAt, options.from) : undefined,
        options.to ? lt(auditEntries.createdAt, options.to) : undefined,
      ),
    )
    .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((options.page - 1) * AUDIT_PAGE_SIZE)
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE, userFound: true }
}
