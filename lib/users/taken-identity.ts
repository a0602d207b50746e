import 'server-only'
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Tx } from '@/db/client'
import { users } from '@/db/schema'

/** Which of a username and an email (any case) a live user of the workspace other than `exceptId` already has. */
export async function takenIdentity(tx: Tx, tenantId: string, who: { username: string; email: string }, exceptId: string | null) {
  const live = and(eq(users.tenantId, tenantId), isNull(users.deletedAt), exceptId ? ne(users.id, exceptId) : undefined)
  const [username] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(live, eq(users.username, who.username)))
    .limit(1)
  const [email] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(live, sql`lower(${users.email}) = lower(${who.email})`))
    .limit(1)
  return { username: !!username, email: !!email }
}
