import 'server-only'
import { eq } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { tenants } from '@/db/schema'

/** The workspace's own settings (Settings › General), or null for an unknown workspace. */
export async function workspaceSettingsOf(db: Queryable, tenantId: string): Promise<{ name: string; timeZone: string } | null> {
  const [row] = await db.select({ name: tenants.name, timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId))
  return row ?? null
}
