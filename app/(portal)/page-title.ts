import 'server-only'
import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import type { Permission } from '@/lib/auth/permissions'
import type { Reach } from '@/lib/auth/scope'
import { getSessionUser } from '@/lib/auth/session'

/**
 * A page title that names the object ("Bruno Costa · Edit user · Switchboard"),
 * for a viewer who may see that page: the name is looked up in the viewer's
 * own workspace only, and without the permission the title stays generic, so
 * a title never reveals what the page itself would answer 404 to (a user
 * outside a scoped viewer's groups included: `viewer` is their reach).
 */
export async function objectTitle(
  permission: Permission,
  generic: string,
  nameOf: (db: Awaited<ReturnType<typeof getDb>>, tenantId: string, viewer: Reach) => Promise<string | null | undefined>,
): Promise<Metadata> {
  const viewer = await getSessionUser()
  if (!viewer || !viewer.permissions.has(permission)) return { title: generic }
  const name = await nameOf(await getDb(), viewer.tenantId, viewer)
  return { title: name ? `${name} · ${generic}` : generic }
}
