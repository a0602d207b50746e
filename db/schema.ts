/**
 * The whole Switchboard domain in one schema.
 *
 * Every tenant-owned table carries `tenant_id`, has it first in its primary key,
 * and every foreign key between tenant-owned tables is composite on
 * (tenant_id, …). So a row can never point at another workspace's row, even by a
 * bug, and the schema can be distributed by `tenant_id` (e.g. Citus) unchanged.
 */
import { sql } from 'drizzle-orm'
import { EXTENSION_TYPES, LOGIN_EVENT_KINDS, LOGIN_OUTCOMES, ROLES, USER_STATUSES } from './enums'
import {
  customType,
  bigint,
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' })

export const roleEnum = pgEnum('role', ROLES)
export const userStatusEnum = pgEnum('user_status', USER_STATUSES)
export const extensionTypeEnum = pgEnum('extension_type', EXTENSION_TYPES)
export const loginEventKindEnum = pgEnum('login_event_kind', LOGIN_EVENT_KINDS)
export const loginOutcomeEnum = pgEnum('login_outcome', LOGIN_OUTCOMES)

/** Two v4 UUIDs' hex: 244 random bits from the database's own generator, for old rows and new alike. */
export const DIRECTORY_SECRET_SQL = sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /**
     * The path secret of the workspace's Directory of Users (phones load it
     * without headers). 244 random bits; Settings shows it and can replace it.
     */
    directorySecret: text('directory_secret').notNull().default(DIRECTORY_SECRET_SQL),
    /** IANA time zone the portal shows this workspace's times in (Settings › General). */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Settings › Security: who must use two-factor sign-in (`off`, `admins`, `everyone`). */
    twoFactorPolicy: text('two_factor_policy').notNull().default('off'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tenants_slug_key').on(t.slug),
    uniqueIndex('tenants_directory_secret_key').on(t.directorySecret),
    check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('tenants_two_factor_policy', sql`${t.twoFactorPolicy} IN ('off', 'admins', 'everyone')`),
  ],
)

export const extensions = pgTable(
  'extensions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    number: text('number').notNull(),
    type: extensionTypeEnum('type').notNull().default('WebRTC'),
    /** AES-256-GCM envelope `iv.tag.ciphertext` (base64url); the AAD binds tenant and id. */
    sipSecretCiphertext: text('sip_secret_ciphertext'),
    sipSecretKeyId: text('sip_secret_key_id'),
    /** The user holding this extension: a copy of users.extension_id kept by triggers (migration 0010), for listing free extensions. */
    userId: uuid('user_id'),
    voicemailEnabled: boolean('voicemail_enabled').notNull().default(false),
    voicemailPinHash: text('voicemail_pin_hash'),
    voicemailEmail: text('voicemail_email'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'extensions_pkey', columns: [t.tenantId, t.id] }),
    unique('extensions_tenant_number_key').on(t.tenantId, t.number),
    // Free extensions in number order (shorter numbers first), read by the user form.
    index('extensions_tenant_free_idx')
      .on(t.tenantId, sql`length(${t.number})`, t.number)
      .where(sql`${t.userId} IS NULL`),
    check('extensions_number_digits', sql`${t.number} ~ '^[0-9]{2,10}$'`),
    check('extensions_secret_complete', sql`(${t.sipSecretCiphertext} IS NULL) = (${t.sipSecretKeyId} IS NULL)`),
  ],
)

export const profiles = pgTable(
  'profiles',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    role: roleEnum('role').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'profiles_pkey', columns: [t.tenantId, t.id] }),
    // Target of users' (tenant_id, profile_id, role) key: a profile can only be held by its role.
    unique('profiles_tenant_id_role_key').on(t.tenantId, t.id, t.role),
    uniqueIndex('profiles_tenant_name_key').on(t.tenantId, sql`lower(${t.name})`),
    // Defence in depth for "a profile narrows its role": the app checks this too.
    check(
      'profiles_permissions_subset_of_role',
      sql`${t.role} = 'Admin'
        OR (${t.role} = 'Supervisor' AND ${t.permissions} <@ ARRAY['users.read','reports.read','users.export']::text[])
        OR (${t.role} = 'Agent' AND cardinality(${t.permissions}) = 0)`,
    ),
  ],
)

export const groups = pgTable(
  'groups',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'groups_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('groups_tenant_name_key').on(t.tenantId, sql`lower(${t.name})`),
  ],
)

export const users = pgTable(
  'users',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    notes: text('notes').notNull().default(''),
    jobTitle: text('job_title').notNull().default(''),
    department: text('department').notNull().default(''),
    /** E.164, or empty. */
    mobile: text('mobile').notNull().default(''),
    hideFromDirectory: boolean('hide_from_directory').notNull().default(false),
    /** Null until a password is set: an imported user without one can't sign in ("No password yet"). */
    passwordHash: text('password_hash'),
    role: roleEnum('role').notNull().default('Agent'),
    profileId: uuid('profile_id'),
    status: userStatusEnum('status').notNull().default('active'),
    forceLogin: boolean('force_login').notNull().default(false),
    extensionId: uuid('extension_id'),
    /** Lower-cased text the users list searches with trigrams (name, email, username, extension, notes, profile, groups). */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    /** Bumped to end every session of the user (password change, deactivation, admin action). */
    sessionVersion: integer('session_version').notNull().default(1),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** When the latest invitation link ends, while the user has no password: the list's `Invited` / `Invitation expired`. */
    invitationExpiresAt: timestamp('invitation_expires_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by'),
    /** The extension a deleted user held (deleting frees it); restore gives it back if it is still free. */
    deletedExtensionId: uuid('deleted_extension_id'),
  },
  (t) => [
    primaryKey({ name: 'users_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('users_tenant_email_key')
      .on(t.tenantId, sql`lower(${t.email})`)
      .where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('users_tenant_username_key')
      .on(t.tenantId, t.username)
      .where(sql`${t.deletedAt} IS NULL`),
    // An extension belongs to at most one user (deleting a user frees it).
    uniqueIndex('users_tenant_extension_key')
      .on(t.tenantId, t.extensionId)
      .where(sql`${t.extensionId} IS NOT NULL`),
    foreignKey({
      name: 'users_extension_fk',
      columns: [t.tenantId, t.extensionId],
      foreignColumns: [extensions.tenantId, extensions.id],
    }),
    // Composite on role too: the database refuses a profile of another role.
    foreignKey({
      name: 'users_profile_fk',
      columns: [t.tenantId, t.profileId, t.role],
      foreignColumns: [profiles.tenantId, profiles.id, profiles.role],
    }),
    foreignKey({
      name: 'users_deleted_by_fk',
      columns: [t.tenantId, t.deletedBy],
      foreignColumns: [t.tenantId, t.id],
    }),
    // One workspace's trigrams only (btree_gin puts the uuid in the GIN index); deleted users are never searched.
    index('users_tenant_search_idx')
      .using('gin', t.tenantId, t.searchText.op('gin_trgm_ops'))
      .where(sql`${t.deletedAt} IS NULL`),
    // "Is this user live?" by index only: the Group filter joins its members to it.
    index('users_tenant_live_idx')
      .on(t.tenantId, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    // Settings › Deleted users, newest first.
    index('users_tenant_deleted_idx')
      .on(t.tenantId, t.deletedAt, t.id)
      .where(sql`${t.deletedAt} IS NOT NULL`),
    // One index per sort of the users list, so a page never sorts the whole workspace.
    // Migration 0012 adds INCLUDE (the exported columns) to this one: drizzle-kit doesn't model INCLUDE.
    index('users_tenant_list_idx')
      .on(t.tenantId, t.fullName, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_last_login_idx')
      .on(t.tenantId, sql`coalesce(${t.lastLoginAt}, '-infinity'::timestamptz)`, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_created_idx')
      .on(t.tenantId, t.createdAt, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_role_idx')
      .on(t.tenantId, t.role, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_status_idx')
      .on(t.tenantId, t.status, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    // The Department filter, and its menu's distinct names (a skip scan, lib/users/list-filter-options.ts).
    index('users_tenant_department_idx')
      .on(t.tenantId, t.department, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_force_login_idx')
      .on(t.tenantId, t.forceLogin, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    check('users_username_format', sql`${t.username} ~ '^[a-z0-9._-]{3,32}$'`),
    check('users_force_login_needs_extension', sql`NOT ${t.forceLogin} OR ${t.extensionId} IS NOT NULL`),
    check('users_deleted_consistent', sql`${t.deletedBy} IS NULL OR ${t.deletedAt} IS NOT NULL`),
  ],
)

export const userGroups = pgTable(
  'user_groups',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    groupId: uuid('group_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'user_groups_pkey', columns: [t.tenantId, t.userId, t.groupId] }),
    foreignKey({
      name: 'user_groups_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'user_groups_group_fk',
      columns: [t.tenantId, t.groupId],
      foreignColumns: [groups.tenantId, groups.id],
    }).onDelete('cascade'),
    // Covers the users list's Group filter: members of a group without reading the table.
    index('user_groups_group_idx').on(t.tenantId, t.groupId, t.userId),
  ],
)

export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the whole token, hex. The token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, so a user can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Rate limit: requests counted in the minute that starts at `rate_window` (one row update per request, no clean-up). */
    rateWindow: timestamp('rate_window', { withTimezone: true }),
    rateCount: integer('rate_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'api_tokens_pkey', columns: [t.tenantId, t.id] }),
    unique('api_tokens_tenant_hash_key').on(t.tenantId, t.tokenHash),
    // Bearer look-ups arrive without a tenant: find the row by hash alone.
    index('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.tenantId, t.userId),
    foreignKey({
      name: 'api_tokens_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
)

/** Server-side record of dashboard sign-ins: what force login asks ("is this user signed in now?"). */
export const dashboardSessions = pgTable(
  'dashboard_sessions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    ip: inet('ip'),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [
    primaryKey({ name: 'dashboard_sessions_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'dashboard_sessions_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    index('dashboard_sessions_open_idx')
      .on(t.tenantId, t.userId)
      .where(sql`${t.endedAt} IS NULL`),
    // Reports › Users reads a workspace's sessions by time.
    index('dashboard_sessions_tenant_time_idx').on(t.tenantId, t.createdAt),
  ],
)

export const loginEvents = pgTable(
  'login_events',
  {
    tenantId: tenantId(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    /** Null when the name typed matched no user of the workspace. */
    userId: uuid('user_id'),
    /** What was typed in `Username or email` (trimmed, capped), for failed attempts. */
    identifier: text('identifier').notNull().default(''),
    kind: loginEventKindEnum('kind').notNull(),
    outcome: loginOutcomeEnum('outcome').notNull(),
    /** How a successful sign-in was proven: `password`, `totp`, `recovery_code` or `passkey` (the second one when there were two). */
    factor: text('factor'),
    ip: inet('ip'),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'login_events_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'login_events_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    index('login_events_user_time_idx').on(t.tenantId, t.userId, t.createdAt),
    index('login_events_tenant_time_idx').on(t.tenantId, t.createdAt),
  ],
)

export const auditEntries = pgTable(
  'audit_entries',
  {
    tenantId: tenantId(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    /** Null for operator actions (CLI) and the system. */
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** Secrets are redacted before they get here. */
    before: jsonb('before'),
    after: jsonb('after'),
    ip: inet('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'audit_entries_pkey', columns: [t.tenantId, t.id] }),
    // No FK to users: the audit trail outlives whatever it names.
    index('audit_entries_tenant_time_idx').on(t.tenantId, t.createdAt),
    index('audit_entries_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    // The audit log filtered by a user shows what they did as well as what was done to them.
    index('audit_entries_actor_idx').on(t.tenantId, t.actorUserId, t.createdAt),
  ],
)

/**
 * Failed sign-in counters, per account and per client IP. Not tenant-owned: an
 * attempt against an unknown workspace has no tenant. Keys are hashed.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
})

/** Raw bytes (an uploaded file): node-postgres hands back a Buffer, PGlite a Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
})

/**
 * A CSV or Excel import (Users › Import, Settings › Extensions › Import): the
 * uploaded file, its preview (a dry run) and, once imported, the result. The
 * work runs as a job any instance can take: `queued` rows are claimed with
 * FOR UPDATE SKIP LOCKED and a lease (`locked_until`) that a live worker keeps
 * extending, so a job whose instance died is taken up again.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** What is imported: `users` or `extensions`. */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    file: bytea('file').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    /** `preview` (a dry run) or `import` (the writes); `status` is that phase's. */
    phase: text('phase').notNull().default('preview'),
    status: text('status').notNull().default('queued'),
    /** Chosen at upload (`createMissingExtensions`) and at import (`skipErrors`). */
    options: jsonb('options').notNull().default({}),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    /** The dry run's summary and rows (lib/imports/import-report.ts). */
    preview: jsonb('preview'),
    /** What the import wrote, or why it wrote nothing. */
    result: jsonb('result'),
    /** A failure's message for the admin (never a stack or a query). */
    error: text('error'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'import_jobs_pkey', columns: [t.tenantId, t.id] }),
    // The workers' queue: only jobs waiting or running are in it.
    index('import_jobs_queue_idx')
      .on(t.createdAt)
      .where(sql`${t.status} IN ('queued', 'running')`),
    index('import_jobs_tenant_time_idx').on(t.tenantId, t.createdAt),
    check('import_jobs_kind', sql`${t.kind} IN ('users', 'extensions')`),
    check('import_jobs_phase', sql`${t.phase} IN ('preview', 'import')`),
    check('import_jobs_status', sql`${t.status} IN ('queued', 'running', 'done', 'failed')`),
  ],
)

/** The users an import created or changed: the users list's "this import" filter. */
export const importJobUsers = pgTable(
  'import_job_users',
  {
    tenantId: tenantId(),
    jobId: uuid('job_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** `created` or `updated`. */
    change: text('change').notNull(),
  },
  (t) => [
    primaryKey({ name: 'import_job_users_pkey', columns: [t.tenantId, t.jobId, t.userId] }),
    foreignKey({
      name: 'import_job_users_job_fk',
      columns: [t.tenantId, t.jobId],
      foreignColumns: [importJobs.tenantId, importJobs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'import_job_users_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
)

/**
 * A named view of the users list (its filters and sort, as the list's URL
 * parameters): the owner's own, or shared with the workspace (settings.manage).
 */
export const savedViews = pgTable(
  'saved_views',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    /** The list's URL parameters, without page (e.g. `lastLogin=90d&status=active&sort=-last_login`). */
    query: text('query').notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'saved_views_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'saved_views_owner_fk',
      columns: [t.tenantId, t.ownerId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    uniqueIndex('saved_views_owner_name_key').on(t.tenantId, t.ownerId, sql`lower(${t.name})`),
    // The list shows the workspace's shared views to everyone.
    index('saved_views_shared_idx')
      .on(t.tenantId, t.name)
      .where(sql`${t.shared}`),
  ],
)

/**
 * Mail waiting to be sent, written in the same transaction as the change that
 * causes it. Instances send it with FOR UPDATE SKIP LOCKED (one mail, one
 * sender). A link with a token in it is sealed (`link_ciphertext`) and only
 * put into the body at sending, then erased — unless mail only goes to files
 * (no SMTP_URL), where the portal shows the open link to the admin instead.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    /** `invitation`, `password_reset`, `test`. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** Bodies with `{{link}}` where the sealed link goes. */
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    linkCiphertext: text('link_ciphertext'),
    linkKeyId: text('link_key_id'),
    /** The user_links row the sealed link opens: without SMTP the portal shows it to the admin while it is open. */
    linkId: uuid('link_id'),
    /** `pending`, `sent` or `failed` (gave up after the last retry). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last failure, for Settings › Email (the server's answer, never a body). */
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'mail_outbox_pkey', columns: [t.tenantId, t.id] }),
    // The senders' queue: only mail still to send is in it.
    index('mail_outbox_queue_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('mail_outbox_tenant_time_idx').on(t.tenantId, t.createdAt),
    check('mail_outbox_status', sql`${t.status} IN ('pending', 'sent', 'failed')`),
  ],
)

/**
 * Single-use links mailed to a user: an invitation (sets the first password)
 * or a password reset. Only the token's SHA-256 is kept; a link is used
 * (`used_at`) or ended by a newer one (`ended_at`), never both.
 */
export const userLinks = pgTable(
  'user_links',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    /** `invitation` or `password_reset`. */
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'user_links_pkey', columns: [t.tenantId, t.id] }),
    // A link arrives without its workspace: found by its hash alone.
    uniqueIndex('user_links_token_key').on(t.tokenHash),
    index('user_links_user_idx').on(t.tenantId, t.userId, t.purpose),
    foreignKey({
      name: 'user_links_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    check('user_links_purpose', sql`${t.purpose} IN ('invitation', 'password_reset')`),
  ],
)

/**
 * A user's authenticator app (TOTP). The secret is sealed like SIP secrets;
 * until `confirmed_at` it is a setup in progress. `last_step` is the time step
 * of the last code accepted: a code is good once (replays are refused).
 */
export const userTotp = pgTable(
  'user_totp',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    secretCiphertext: text('secret_ciphertext').notNull(),
    secretKeyId: text('secret_key_id').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    lastStep: bigint('last_step', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'user_totp_pkey', columns: [t.tenantId, t.userId] }),
    foreignKey({
      name: 'user_totp_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
)

/** Single-use recovery codes (SHA-256 of each), shown once when two-factor is turned on. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'recovery_codes_pkey', columns: [t.tenantId, t.userId, t.codeHash] }),
    foreignKey({
      name: 'recovery_codes_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
)

/**
 * Half-signed-in: the password was right, the second factor (or its required
 * setup) is still to come. The browser holds the token in its own cookie; it
 * is not a session and nothing accepts it but the two-factor pages.
 */
export const pendingSignIns = pgTable(
  'pending_sign_ins',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The user's session version at the password step: a password change in between ends this. */
    sessionVersion: integer('session_version').notNull(),
    /** `verify` (has two-factor) or `setup` (the workspace requires it and they have none). */
    purpose: text('purpose').notNull(),
    /** What was typed as the username, for the login events. */
    identifier: text('identifier').notNull().default(''),
    /** The WebAuthn challenge offered at this step, if any. */
    challenge: text('challenge'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'pending_sign_ins_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('pending_sign_ins_token_key').on(t.tokenHash),
    foreignKey({
      name: 'pending_sign_ins_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    check('pending_sign_ins_purpose', sql`${t.purpose} IN ('verify', 'setup')`),
  ],
)

/** Passkeys (WebAuthn credentials) registered as a second factor. */
export const passkeys = pgTable(
  'passkeys',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    /** base64url, as the browser reports it. */
    credentialId: text('credential_id').notNull(),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'passkeys_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('passkeys_credential_key').on(t.tenantId, t.credentialId),
    index('passkeys_user_idx').on(t.tenantId, t.userId),
    foreignKey({
      name: 'passkeys_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
)

// ---------------------------------------------------------------- types

export type { ExtensionType, LoginOutcome, Role, UserStatus } from './enums'
