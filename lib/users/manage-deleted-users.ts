import 'server-only'
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { mayActOnUsers, OUTRANKED_MESSAGE } from '@/lib/auth/privilege'
import { isUniqueViolation } from '@/db/errors'
import { conflict, forbidden, notFound, type Result } from '@/lib/validation/result'
import { takenIdentity } from './taken-identity'

export type RestoreResult = Result<{ message: string }>
const NOT_DELETED = 'That user is not in the deleted users.'

/**
 * Brings a deleted user back (`users.delete`). Refuses, changing nothing, when
 * their username or email now belongs to someone else; comes back without the
 * old extension, and says so, when that was taken or removed meanwhile.
 */
export async function restoreUser(db: Db, actor: Actor, input: { id: unknown }): Promise<RestoreResult> {
  if (!actor.permissions.has('users.delete')) return forbidden()
  const id = z.uuid().safeParse(input.id)
  if (!id.success) return notFound(NOT_DELETED)
  try {
    return await db.transaction(async (tx): Promise<RestoreResult> => {
      const [user] = await tx
        .select({ fullName: users.fullName, username: users.username, email: users.email, deletedExtensionId: users.deletedExtensionId })
        .from(users)
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, id.data), isNotNull(users.deletedAt)))
        .for('update')
      if (!user) return notFound(NOT_DELETED)
      if (!(await mayActOnUsers(tx, actor, [id.data]))) return notFound(OUTRANKED_MESSAGE)

      const taken = await takenIdentity(tx, actor.tenantId, user, id.data)
      if (taken.username)
        return conflict(
          `${user.fullName} can’t be restored: the username “${user.username}” now belongs to another user. Nothing was changed.`,
        )
      if (taken.email)
        return conflict(`${user.fullName} can’t be restored: the email ${user.email} now belongs to another user. Nothing was changed.`)

      let extensionId: string | null = null
      let extensionNote = ''
      if (user.deletedExtensionId) {
        const [extension] = await tx
          .select({ number: extensions.number, holder: users.id })
          .from(extensions)
          .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.extensionId, extensions.id)))
          .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, user.deletedExtensionId)))
        if (extension && !extension.holder) extensionId = user.deletedExtensionId
        else
          extensionNote = extension
            ? ` Their extension ${extension.number} now belongs to someone else, so they have none.`
            : ' Their extension no longer exists, so they have none.'
      }

      await tx
        .update(users)
        .set({
          deletedAt: null,
          deletedBy: null,
          deletedExtensionId: null,
          extensionId,
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, id.data)))
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'user.restore',
        entityType: 'user',
        entityId: id.data,
        before: { deleted: true },
        after: { deleted: false, extensionId },
      })
      return { ok: true, message: `${user.fullName} is restored.${extensionNote}` }
    })
  } catch (error) {
    // Someone took the username, email or extension between our checks and the update.
    if (isUniqueViolation(error))
      return conflict('Someone else just took this user’s username, email or extension. Nothing was changed: try again.')
    throw error
  }
}
