import { z } from 'zod'
import { ROLE_PERMISSIONS, ROLES } from '@/lib/auth/permissions'
import { singleLineText } from '@/lib/validation/text'

/** What an admin sends to create or change a profile (the form and, one day, the API). */
export const profileInputSchema = z
  .object({
    name: singleLineText().trim().min(1, 'Give the profile a name.').max(100, 'Use at most 100 characters.'),
    description: singleLineText().trim().max(500, 'Use at most 500 characters.').default(''),
    role: z.enum(ROLES, 'Choose a role.'),
    permissions: z.array(z.string()).max(20).default([]),
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
  })
export type ProfileField = 'name' | 'description' | 'role' | 'permissions'
