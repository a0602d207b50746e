import { EXTENSION_TYPE_CHOICES } from '@/db/enums'
import { z } from 'zod'
import {
  LAST_LOGIN_VALUES,
  PAGE_SIZES,
  ROLE_VALUES,
  SIGNED_IN_VALUES,
  SORT_KEYS,
  STATUS_VALUES,
  TYPE_VALUES,
} from '@/lib/users/list-params'
import { userInputSchema } from '@/lib/users/user-input'
import { bulkEditSetSchema, bulkFilterSchema } from '@/lib/users/bulk-edit-input'
import { extensionInputSchema } from '@/lib/extensions/extension-input'
import { WEBHOOK_EVENTS } from '@/lib/webhooks/webhook-input'

/**
 * What the API answers, as zod schemas: the OpenAPI document is generated
 * from them and the API tests parse every answer with them, so neither the
 * document nor the answers can drift from these.
 */

const id = z.uuid()
const time = z.iso.datetime({ offset: true }).describe('ISO 8601 time, UTC')
const role = z.enum(ROLE_VALUES)
const status = z.enum(STATUS_VALUES)
const extensionType = z.enum(EXTENSION_TYPE_CHOICES)

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'invalid', 'rate_limited', 'internal']),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe('A message per invalid field (422).'),
    }),
  })
  .meta({ id: 'Error' })

export const userSummarySchema = z
  .object({
    id,
    fullName: z.string(),
    username: z.string(),
    email: z.string(),
    extension: z.object({ number: z.string(), type: extensionType }).nullable(),
    role,
    profile: z.string().nullable(),
    groups: z.array(z.object({ id, name: z.string() })),
    status,
    forceLogin: z.boolean(),
    lastLoginAt: time.nullable(),
    createdAt: time,
  })
  .meta({ id: 'UserSummary' })

export const userDetailSchema = z
  .object({
    id,
    fullName: z.string(),
    email: z.string(),
    username: z.string(),
    notes: z.string(),
    jobTitle: z.string(),
    department: z.string(),
    mobile: z.string().describe('E.164, or empty'),
    hideFromDirectory: z.boolean(),
    extensionId: id.nullable(),
    extensionType,
    forceLogin: z.boolean(),
    role,
    profileId: id.nullable(),
    groupIds: z.array(id),
    status,
    version: z.number().int().describe('Send it back with PATCH: a change based on an older version is refused (409).'),
  })
  .meta({ id: 'User' })

export const userPageSchema = z
  .object({
    data: z.array(userSummarySchema),
    page: z.number().int(),
    size: z.number().int(),
    total: z.object({ count: z.number().int(), capped: z.boolean().describe('true: there are more than `count`') }),
  })
  .meta({ id: 'UserPage' })

/** The users list's URL parameters, as the API accepts them (the UI ignores bad values; the API answers 400). */
export const userListQuerySchema = z.object({
  q: z.string().max(200).optional().describe('Search: name, email, username, notes, extension, profile, groups'),
  role: z.array(role).optional().describe('Repeat or comma-separate: role=Admin&role=Agent'),
  profile: z.array(id).optional(),
  group: z.array(id).optional(),
  department: z.array(z.string().max(200)).optional().describe('Exact department names; repeat the parameter'),
  status: status.optional(),
  type: z.enum(TYPE_VALUES).optional().describe('Extension type, or none'),
  signedIn: z.enum(SIGNED_IN_VALUES).optional().describe('now: a live dashboard session (what force login reads); not: none'),
  lastLogin: z
    .enum(LAST_LOGIN_VALUES)
    .optional()
    .describe('never: never signed in; 30d, 90d, 180d: signed in, but not in that many days (dormant accounts)'),
  sort: z
    .enum([...SORT_KEYS, ...SORT_KEYS.map((k) => `-${k}` as const)])
    .optional()
    .describe('A column; a leading - sorts descending'),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((s) => z.literal(s)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]))
    .optional(),
})

export const userCreateSchema = userInputSchema
  .extend({
    password: z
      .string()
      .optional()
      .describe('12–128 characters; not a breached password, the username or the email. Leave out with sendInvitation.'),
    sendInvitation: z
      .boolean()
      .optional()
      .describe('true: no password; the user is emailed a single-use link (72 h) to choose one, and shows as Invited until then'),
  })
  .meta({ id: 'UserCreate', description: 'Either `password` or `sendInvitation: true`.' })

export const userUpdateSchema = userInputSchema
  .partial()
  .extend({
    version: z.number().int().min(1).describe('The version you read'),
    password: z.string().optional().describe('A new password (needs users.password; never your own)'),
  })
  .meta({ id: 'UserUpdate', description: 'Only the fields sent change; the rest keep their current values.' })

export const restoredSchema = z.object({ data: userDetailSchema, message: z.string() }).meta({ id: 'Restored' })

export const extensionSchema = z
  .object({
    id,
    number: z.string(),
    type: extensionType,
    voicemailEnabled: z.boolean(),
    hasVoicemailPin: z.boolean(),
    voicemailEmail: z.string().nullable(),
    hasSipPassword: z.boolean(),
    version: z.number().int(),
    user: z.object({ id, fullName: z.string(), username: z.string() }).nullable().describe('Who holds it'),
  })
  .meta({ id: 'Extension' })

export const extensionPageSchema = z.object({
  data: z.array(extensionSchema.omit({ hasVoicemailPin: true, voicemailEmail: true, version: true })),
  page: z.number().int(),
  hasMore: z.boolean(),
})

export const extensionListQuerySchema = z.object({
  q: z.string().max(100).optional().describe('Number (from its start) or holder’s name or username'),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
})

export const extensionCreateSchema = extensionInputSchema.meta({ id: 'ExtensionCreate' })
export const extensionUpdateSchema = extensionInputSchema
  .partial()
  .extend({ version: z.number().int().min(1), sipPassword: z.string().optional().describe('A new SIP password, 16–128 printable ASCII') })
  .meta({ id: 'ExtensionUpdate', description: 'Only the fields sent change. An empty or absent voicemailPin keeps the PIN.' })

export const sipPasswordSchema = z.object({ data: z.object({ sipPassword: z.string() }) })

export const groupSchema = z.object({ id, name: z.string(), members: z.number().int() }).meta({ id: 'Group' })
export const groupCreateSchema = z.object({ name: z.string().describe('1–100 characters, unique in the workspace') })
export const groupMemberAddSchema = z.object({ username: z.string().describe('The user to add') })

export const eligibilitySchema = z
  .object({
    allowed: z.boolean(),
    reason: z.enum(['ok', 'no_user', 'user_inactive', 'not_signed_in']),
    extension: z.string(),
    forceLogin: z.boolean(),
  })
  .meta({ id: 'Eligibility' })

export const messageSchema = z.object({ message: z.string() })

const bool = z.enum(['true', 'false'])
export const userImportQuerySchema = z.object({
  dryRun: bool.optional().describe('true (the default): preview only, nothing is written. false: import.'),
  skipErrors: bool
    .optional()
    .describe('With dryRun=false: write the valid rows and report the others (default false: any error writes nothing)'),
  createMissingExtensions: bool.optional().describe('Create extension numbers the workspace lacks (needs extensions.manage)'),
})

const importRowSchema = z
  .object({
    line: z.number().int().describe('The file’s line (CSV) or sheet row (xlsx)'),
    action: z.enum(['create', 'update', 'unchanged', 'error']),
    key: z.string().describe('The username (or email) the row names'),
    changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })).optional(),
    errors: z.array(z.object({ field: z.string().describe('The column, or empty for the row'), message: z.string() })).optional(),
  })
  .meta({ id: 'ImportRow' })

export const userImportAnswerSchema = z.object({
  data: z
    .object({
      dryRun: z.boolean(),
      summary: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
      rows: z.array(importRowSchema).describe('Every row (dry run) or the failed rows (import)'),
      unknownColumns: z.array(z.string()),
      written: z.boolean().optional().describe('Import only: false when nothing was written (errors without skipErrors)'),
    })
    .meta({ id: 'UserImport' }),
})

export const userBulkEditSchema = z
  .object({
    ids: z.array(id).max(100_000).optional().describe('The users to change (ids of other workspaces are reported as not found)'),
    filter: bulkFilterSchema
      .optional()
      .describe('Or every user the users list’s filter matches (the same fields as GET /api/v1/users; {} is everyone)'),
    set: bulkEditSetSchema.describe(
      'The fields to change; a field left out is left unchanged. role needs profileId (null: no profile). department or jobTitle "" clears it.',
    ),
    dryRun: z.boolean().optional().describe('true: answer what would happen, change nothing'),
  })
  .meta({ id: 'UserBulkEdit', description: 'Send ids or filter, not both. At most 100,000 users.' })

export const userBulkEditAnswerSchema = z.object({
  data: z
    .object({
      dryRun: z.boolean(),
      updated: z.number().int(),
      unchanged: z.number().int().describe('Already as chosen'),
      skipped: z.number().int().describe('Left alone by a rule (see each result’s reason)'),
      results: z.array(
        z.object({
          id,
          fullName: z.string(),
          username: z.string(),
          outcome: z.enum(['updated', 'unchanged', 'skipped']),
          reason: z.string().optional().describe('Why a skipped user was left alone: the same message as the user form'),
        }),
      ),
    })
    .meta({ id: 'UserBulkEditResult' }),
})

export const sessionSchema = z
  .object({
    id,
    userId: id,
    device: z.string().describe('The browser and system, e.g. "Firefox 133 on macOS"'),
    ip: z.string().nullable(),
    signedInAt: time,
    lastActiveAt: time.describe('Written at most once a minute'),
  })
  .meta({ id: 'Session' })

export const sessionListQuerySchema = z.object({
  user: id.optional().describe('One user’s sessions (else every live session of the workspace)'),
  page: z.coerce.number().int().min(1).max(100_000).optional().describe('100 a page'),
})

export const sessionPageSchema = z.object({ data: z.array(sessionSchema), page: z.number().int(), hasMore: z.boolean() })

const webhookEvent = z.enum(WEBHOOK_EVENTS)
export const webhookSchema = z
  .object({
    id,
    url: z.string(),
    events: z.array(webhookEvent),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().describe('Why it was switched off after 24 hours of failures, if it was'),
    failingSince: time.nullable().describe('Since when every delivery failed (null: the last one worked)'),
    pending: z.number().int().describe('Deliveries waiting'),
    createdAt: time,
    version: z.number().int(),
  })
  .meta({ id: 'Webhook' })
export const webhookCreateSchema = z
  .object({
    url: z.string().describe('https (http and private addresses only for hosts in WEBHOOK_ALLOWED_HOSTS)'),
    events: z.array(webhookEvent).min(1),
    enabled: z.boolean().optional().describe('Default true'),
  })
  .meta({ id: 'WebhookCreate' })
export const webhookCreatedSchema = z.object({
  data: webhookSchema,
  secret: z.string().describe('The signing secret (whsec_…): shown here once; Settings › Webhooks can reveal it later'),
})
export const webhookUpdateSchema = webhookCreateSchema
  .partial()
  .extend({ version: z.number().int().min(1) })
  .meta({ id: 'WebhookUpdate' })

/** Every event's body (POSTed to the webhook's URL, signed): `data` differs by type. */
const eventEnvelope = <T extends z.ZodType>(type: string, data: T, description: string) =>
  z
    .object({
      id: id.describe('The event id (Switchboard-Event-Id): the same on a retry or Redeliver; de-duplicate by it'),
      type: z.literal(type),
      createdAt: time,
      workspace: id,
      data,
    })
    .describe(description)
const webhookUser = z.object({
  id,
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  role,
  status,
  extension: z.string().nullable(),
  forceLogin: z.boolean(),
  jobTitle: z.string(),
  department: z.string(),
  externalId: z.string().nullable(),
})
const changed = (fields: string) =>
  z.record(z.string(), z.unknown()).describe(`Only the fields that changed, with their new values (${fields})`)
export const WEBHOOK_EVENT_SCHEMAS: Record<(typeof WEBHOOK_EVENTS)[number], z.ZodType> = {
  'user.created': eventEnvelope(
    'user.created',
    webhookUser,
    'A user was created (by the portal, the API, an import, SCIM or single sign-on).',
  ),
  'user.updated': eventEnvelope(
    'user.updated',
    z.object({
      id,
      username: z.string(),
      changes: changed(
        'fullName, email, username, notes, jobTitle, department, mobile, hideFromDirectory, role, profileId, forceLogin, extension, externalId',
      ),
    }),
    'A user changed. Never a password or secret.',
  ),
  'user.deleted': eventEnvelope('user.deleted', webhookUser, 'A user was deleted (their extension is freed).'),
  'user.restored': eventEnvelope('user.restored', webhookUser, 'A deleted user was restored.'),
  'user.activated': eventEnvelope('user.activated', webhookUser, 'A user was activated.'),
  'user.deactivated': eventEnvelope(
    'user.deactivated',
    webhookUser,
    'A user was deactivated: their sessions ended and API tokens stopped.',
  ),
  'extension.created': eventEnvelope(
    'extension.created',
    z.object({ id, number: z.string(), type: extensionType, voicemailEnabled: z.boolean() }),
    'An extension was created.',
  ),
  'extension.updated': eventEnvelope(
    'extension.updated',
    z.object({ id, number: z.string(), changes: changed('number, type, voicemailEnabled, voicemailEmail, sipPasswordChanged') }),
    'An extension changed. Never the SIP password or voicemail PIN: sipPasswordChanged says it changed.',
  ),
  'extension.deleted': eventEnvelope('extension.deleted', z.object({ id, number: z.string() }), 'An extension was deleted.'),
  'eligibility.changed': eventEnvelope(
    'eligibility.changed',
    z.object({
      extensionId: id,
      extension: z.string(),
      allowed: z.boolean(),
      reason: z.enum(['ok', 'no_user', 'user_deleted', 'user_inactive', 'not_signed_in']),
      forceLogin: z.boolean(),
    }),
    'An extension may now take calls, or may not any more (a sign-in or out, a session expiring, a deactivation, deletion or extension change): the answer GET /api/v1/extensions/{number}/eligibility gives.',
  ),
  'import.completed': eventEnvelope(
    'import.completed',
    z.object({
      importId: id,
      kind: z.enum(['users', 'extensions']),
      fileName: z.string(),
      status: z.enum(['done', 'failed']),
      created: z.number().int(),
      updated: z.number().int(),
      error: z.string().optional(),
    }),
    'An import finished (or failed: then nothing was written).',
  ),
}
