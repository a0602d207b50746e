import { z } from 'zod'
import { PROFILE_SCOPES } from '@/db/enums'
import { ROLE_PERMISSIONS, ROLES } from '@/lib/auth/permissions'
import { singleLineText } from '@/lib/validation/text'

/** What an admin sends to create or change a profile (the form and, one day, the API). */
export const profileInputSchema = z
  .object({
    name: singleLineText().trim().min(1, 'Give the profile a name.').max(100, 'Use at most 100 characters.'),
    description: singleLineText().trim().max(500, 'Use at most 500 characters.').default(''),
    role: z.enum(ROLES, 'Choose a role.'),
    permissions: z.array(z.string()).max(20).default([]),
    /** Issue 22: `managed_groups` = its holders see and act only on members of the groups they manage. */
    scope: z.enum(PROFILE_SCOPES, 'Choose a scope.').default('workspace'),
  })
  .superRefine((p, ctx) => {
    // A profile narrows its role: only the role's own permissions can be ticked.
    const allowed = new Set<string>(ROLE_PERMISSIONS[p.role])
    const outside = p.permissions.filter((x) => !allowed.has(x))
    if (outside.length)
      ctx.addIssue({
        code: 'custom',
        path: ['permissions'],
        message: `${p.role} doesn’t have ${outside.join(', ')}: a profile can only narrow its role.`,
      })
    // Settings (profiles, groups, single sign-on…) and extensions are the whole workspace's: a team scope can't hold them.
    const workspaceWide = p.permissions.filter((x) => WORKSPACE_WIDE.includes(x))
    if (p.scope === 'managed_groups' && workspaceWide.length)
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: `Only the groups they manage can’t go with ${workspaceWide.join(', ')}: those reach the whole workspace. Untick them or choose Whole workspace.`,
      })
  })
export type ProfileField = 'name' | 'description' | 'role' | 'permissions' | 'scope'

/** Permissions over the whole workspace's configuration: never in a scoped profile (the schema checks it too). */
export const WORKSPACE_WIDE: readonly string[] = ['settings.manage', 'extensions.manage']

/** What the profile pages say for each scope. */
export const SCOPE_LABELS = { workspace: 'Whole workspace', managed_groups: 'Only the groups they manage' } as const
