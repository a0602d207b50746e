import 'server-only'
import { sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'

/**
 * Rebuilds the users list's trigram-searched text from the user, their
 * extension, profile and groups. One statement, so every writer (forms, seed,
 * bulk seed, settings changes) shares the same definition.
 */
export async function refreshSearchText(db: Queryable, tenantId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return
  await db.execute(sql`
    UPDATE users u SET search_text = lower(concat_ws(' ',
      u.full_name, u.email, u.username, u.notes,
      (SELECT e.number FROM extensions e WHERE e.tenant_id = u.tenant_id AND e.id = u.extension_id),
      (SELECT p.name FROM profiles p WHERE p.tenant_id = u.tenant_id AND p.id = u.profile_id),
      (SELECT string_agg(g.name, ' ' ORDER BY g.name) FROM user_groups ug
         JOIN groups g ON g.tenant_id = ug.tenant_id AND g.id = ug.group_id
        WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id)))
    WHERE u.tenant_id = ${tenantId} AND u.id IN (${sql.join(
      userIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`)
}
