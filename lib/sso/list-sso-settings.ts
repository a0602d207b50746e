import 'server-only'
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { ssoConnections, ssoSignIns, tenants, users } from '@/db/schema'
import { publicUrl } from '@/lib/config/public-url'

export interface SsoSettings {
  issuerUrl: string
  clientId: string
  displayName: string
  createUsers: boolean
  requireSso: boolean
  version: number
}

/** The workspace's identity provider as Settings shows it (never the client secret), or null when there is none. */
export async function ssoSettingsOf(db: Queryable, tenantId: string): Promise<SsoSettings | null> {
  const [row] = await db
    .select({
      issuerUrl: ssoConnections.issuerUrl,
      clientId: ssoConnections.clientId,
      displayName: ssoConnections.displayName,
      createUsers: ssoConnections.createUsers,
      requireSso: ssoConnections.requireSso,
      version: ssoConnections.version,
    })
    .from(ssoConnections)
    .where(eq(ssoConnections.tenantId, tenantId))
  return row ?? null
}

/** The redirect URL to register at the identity provider: one per workspace. */
export const ssoRedirectUrl = (slug: string) => `${publicUrl()}/sign-in/${slug}/sso/callback`

/** What the sign-in page of a workspace offers: `Sign in with <name>`, and whether passwords are for break-glass admins only. */
export async function ssoSignInOptions(db: Queryable, slug: string): Promise<{ displayName: string; requireSso: boolean } | null> {
  const [row] = await db
    .select({ displayName: ssoConnections.displayName, requireSso: ssoConnections.requireSso })
    .from(ssoConnections)
    .innerJoin(tenants, eq(tenants.id, ssoConnections.tenantId))
    .where(eq(tenants.slug, slug))
  return row ?? null
}

/** The workspace's active admins and whether each is break-glass (the settings form's list). */
export async function adminsForBreakGlass(db: Queryable, tenantId: string) {
  return db
    .select({ id: users.id, fullName: users.fullName, username: users.username, breakGlass: users.breakGlass })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'Admin'), eq(users.status, 'active'), isNull(users.deletedAt)))
    .orderBy(asc(users.fullName), asc(users.id))
}

export interface SsoTestResult {
  ok: boolean
  /** What went wrong, in the words the sign-in page would use. */
  message: string
  email?: string
  emailVerified?: boolean
  subject?: string
  matchedUser?: string | null
}

/** The outcome of a Test sign-in, for the admin who started it. */
export async function ssoTestResultOf(db: Queryable, tenantId: string, id: string, viewerId: string): Promise<SsoTestResult | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null
  const [row] = await db
    .select({ result: ssoSignIns.result })
    .from(ssoSignIns)
    .where(
      and(eq(ssoSignIns.tenantId, tenantId), eq(ssoSignIns.id, id), eq(ssoSignIns.purpose, 'test'), eq(ssoSignIns.requestedBy, viewerId)),
    )
  return (row?.result as SsoTestResult | null | undefined) ?? null
}

/** The workspace's sign-in name (its SSO paths carry it). */
export async function slugOfWorkspace(db: Queryable, tenantId: string): Promise<string | null> {
  const [row] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId))
  return row?.slug ?? null
}
