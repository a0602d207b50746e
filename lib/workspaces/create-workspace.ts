import 'server-only'
import { z } from 'zod'
import type { Db, Queryable } from '@/db/client'
import { tenants, users } from '@/db/schema'
import { recordAudit, type AuditAuthor } from '@/lib/audit/record-audit'
import { hashPassword } from '@/lib/auth/passwords'
import { passwordProblem } from '@/lib/auth/password-policy'
import { emailSchema, fullNameSchema, usernameSchema } from '@/lib/users/user-fields'
import { singleLineText } from '@/lib/validation/text'

/** `/sign-in/<workspace>` sits beside the sign-in's own pages: a workspace can't be named like one of them. */
const RESERVED_SLUGS = ['sso', 'forgot', 'two-factor']

export const workspaceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use 2 to 63 characters: lower-case letters, digits and hyphens, not starting with a hyphen.')
  .refine((slug) => !RESERVED_SLUGS.includes(slug), 'That name is reserved: choose another.')

export const createWorkspaceSchema = z
  .object({
    slug: workspaceSlugSchema,
    name: singleLineText().trim().min(1, 'Enter a name.').max(200),
    adminUsername: usernameSchema,
    adminEmail: emailSchema,
    adminPassword: z.string(),
    adminFullName: fullNameSchema.optional(),
  })
  .superRefine((input, ctx) => {
    // The same rule as every other password: length, not the person's name, not a common one.
    const problem = passwordProblem(input.adminPassword, { username: input.adminUsername, email: input.adminEmail })
    if (problem) ctx.addIssue({ code: 'custom', path: ['adminPassword'], message: problem })
  })
export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>

export class WorkspaceExistsError extends Error {
  constructor(slug: string) {
    super(`A workspace with the slug "${slug}" already exists.`)
    this.name = 'WorkspaceExistsError'
  }
}

export interface CreatedWorkspace {
  tenantId: string
  adminUserId: string
}

/** Inserts the workspace and its first admin; the caller owns the transaction. */
export async function insertWorkspace(
  tx: Queryable,
  input: z.output<typeof createWorkspaceSchema>,
  actor: AuditAuthor,
): Promise<CreatedWorkspace> {
  const [tenant] = await tx
    .insert(tenants)
    .values({ slug: input.slug, name: input.name })
    .onConflictDoNothing()
    .returning({ id: tenants.id })
  if (!tenant) throw new WorkspaceExistsError(input.slug)
  const [admin] = await tx
    .insert(users)
    .values({
      tenantId: tenant.id,
      fullName: input.adminFullName ?? input.adminUsername,
      email: input.adminEmail,
      username: input.adminUsername,
      passwordHash: await hashPassword(input.adminPassword),
      role: 'Admin',
    })
    .returning({ id: users.id })
  await recordAudit(tx, {
    tenantId: tenant.id,
    actor,
    action: 'workspace.create',
    entityType: 'workspace',
    entityId: tenant.id,
    after: { slug: input.slug, name: input.name },
  })
  await recordAudit(tx, {
    tenantId: tenant.id,
    actor,
    action: 'user.create',
    entityType: 'user',
    entityId: admin!.id,
    after: { username: input.adminUsername, email: input.adminEmail, role: 'Admin', password: input.adminPassword },
  })
  return { tenantId: tenant.id, adminUserId: admin!.id }
}

/** Creates a workspace and its first admin, all or nothing. */
export async function createWorkspace(db: Db, raw: CreateWorkspaceInput, actor: AuditAuthor): Promise<CreatedWorkspace> {
  const input = createWorkspaceSchema.parse(raw)
  // ON CONFLICT DO NOTHING in insertWorkspace turns a concurrent duplicate into WorkspaceExistsError.
  return db.transaction((tx) => insertWorkspace(tx, input, actor))
}
