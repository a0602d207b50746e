/**
 * The whole Switchboard domain in one schema.
 *
 * Every tenant-owned table carries `tenant_id`, has it first in its primary key,
 * and every foreign key between tenant-owned tables is composite on
 * (tenant_id, …). So a row can never point at another workspace's row, even by a
 * bug, and the schema can be distributed by `tenant_id` (e.g. Citus) unchanged.
 */
import { sql } from 'drizzle-orm'
import { EXTENSION_TYPES, LOGIN_EVENT_KINDS, LOGIN_OUTCOMES, PROFILE_SCOPES, ROLES, USER_STATUSES } from './enums'
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
export const profileScopeEnum = pgEnum('profile_scope', PROFILE_SCOPES)
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
    /** Settings › Provisioning (SCIM): the identity provider may change and deactivate Admins too (off: Agents and Supervisors only). */
    scimManagesAdmins: boolean('scim_manages_admins').notNull().default(false),
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
    /** `managed_groups`: its holders see and act only on members of the groups they manage (group_managers). */
    scope: profileScopeEnum('scope').notNull().default('workspace'),
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
    // Settings and extensions reach the whole workspace: a scoped profile never holds them (lib/auth/scope.ts relies on it).
    check(
      'profiles_scoped_without_workspace_rights',
      sql`${t.scope} = 'workspace' OR NOT (${t.permissions} && ARRAY['settings.manage','extensions.manage']::text[])`,
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
    /** The identity provider's id for a group it pushes (SCIM `externalId`). */
    externalId: text('external_id'),
    /** Bumped by every change of the name or the members: SCIM's ETag. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'groups_pkey', columns: [t.tenantId, t.id] }),
    uniqueIndex('groups_tenant_name_key').on(t.tenantId, sql`lower(${t.name})`),
    uniqueIndex('groups_tenant_external_id_key')
      .on(t.tenantId, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
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
    /** An Admin who may still sign in with a password when the workspace requires single sign-on (the way in when the identity provider is down). */
    breakGlass: boolean('break_glass').notNull().default(false),
    /** The identity provider's id for this user (SCIM `externalId`). */
    externalId: text('external_id'),
    /** SCIM `userName` as the identity provider sent it, when it isn't the username itself (an email, say). */
    scimUserName: text('scim_user_name'),
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
    // Removing a user asks "did they delete anyone?": without this it read the whole table each time (35 ms a user at
    // 100,000, so seed:bulk re-seeding a workspace ran for hours). Only deleted users are in it.
    index('users_tenant_deleted_by_idx')
      .on(t.tenantId, t.deletedBy)
      .where(sql`${t.deletedBy} IS NOT NULL`),
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
    // A search's first page by name: the walk in name order tests each user's search text from this index alone
    // (INCLUDE, added by migration 0026: drizzle-kit doesn't model it) instead of visiting every walked user's heap
    // row (100,000 users: 4.5 → 0.4 ms). Kept apart from the list index above, which carries the export's columns:
    // narrow, it is also the cheaper walk to a deep page.
    index('users_tenant_name_search_idx')
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
    // Role and status together (e.g. inactive supervisors): the capped count reads only the matching entries, by index
    // only, instead of every user of one status re-checked for the role (a million-user workspace: 240 ms → a few).
    index('users_tenant_status_role_idx')
      .on(t.tenantId, t.status, t.role, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    // The Department filter, and its menu's distinct names (a skip scan, lib/users/list-filter-options.ts).
    index('users_tenant_department_idx')
      .on(t.tenantId, t.department, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('users_tenant_force_login_idx')
      .on(t.tenantId, t.forceLogin, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    // SCIM: the identity provider finds its users by externalId and by userName, and each is one user's.
    uniqueIndex('users_tenant_external_id_key')
      .on(t.tenantId, t.externalId)
      .where(sql`${t.deletedAt} IS NULL AND ${t.externalId} IS NOT NULL`),
    uniqueIndex('users_tenant_scim_user_name_key')
      .on(t.tenantId, sql`lower(${t.scimUserName})`)
      .where(sql`${t.deletedAt} IS NULL AND ${t.scimUserName} IS NOT NULL`),
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
    // DEFERRABLE INITIALLY IMMEDIATE, which drizzle can't say: migration 0028 (an import writes memberships first).
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

/** Issue 22: who leads a group. A holder of a scoped profile sees and acts on the members of the groups they manage. */
export const groupManagers = pgTable(
  'group_managers',
  {
    tenantId: tenantId(),
    groupId: uuid('group_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'group_managers_pkey', columns: [t.tenantId, t.groupId, t.userId] }),
    foreignKey({
      name: 'group_managers_group_fk',
      columns: [t.tenantId, t.groupId],
      foreignColumns: [groups.tenantId, groups.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'group_managers_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    // The scope's join starts from the manager: their groups, by index only.
    index('group_managers_user_idx').on(t.tenantId, t.userId, t.groupId),
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
    // The cascade from a removed user: by index, not by reading every import's rows.
    index('import_job_users_user_idx').on(t.tenantId, t.userId),
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
    // A link arrives without its workspace: found by its hash alone. Unique within the workspace (256 random bits
    // are unique anyway; a key that leads with tenant_id keeps the table distributable: db/tenant-keys.test.ts).
    unique('user_links_tenant_token_key').on(t.tenantId, t.tokenHash),
    index('user_links_token_idx').on(t.tokenHash),
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
    unique('pending_sign_ins_tenant_token_key').on(t.tenantId, t.tokenHash),
    index('pending_sign_ins_token_idx').on(t.tokenHash),
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

/**
 * A workspace's OpenID Connect identity provider (Settings › Single sign-on).
 * The client secret is sealed like SIP secrets (the AAD binds the workspace).
 */
export const ssoConnections = pgTable(
  'sso_connections',
  {
    tenantId: tenantId().primaryKey(),
    issuerUrl: text('issuer_url').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretCiphertext: text('client_secret_ciphertext').notNull(),
    clientSecretKeyId: text('client_secret_key_id').notNull(),
    /** What the sign-in button says: `Sign in with <display name>`. */
    displayName: text('display_name').notNull(),
    /** A verified email that matches nobody creates an Agent (off: refused). */
    createUsers: boolean('create_users').notNull().default(false),
    /** Password sign-in is refused for everyone but break-glass admins. */
    requireSso: boolean('require_sso').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('sso_connections_secret_complete', sql`${t.clientSecretCiphertext} <> '' AND ${t.clientSecretKeyId} <> ''`)],
)

/**
 * One sign-in with the identity provider under way (authorization code flow):
 * its `state` and `nonce`, bound to the browser that started it by a cookie
 * whose token only the hash of is kept (the PKCE verifier is derived from
 * that token, so nothing here can finish the flow). Used once; 10 minutes.
 */
export const ssoSignIns = pgTable(
  'sso_sign_ins',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    /** `sign_in`, or `test` (Settings' Test sign-in: reports what came back, signs nobody in). */
    purpose: text('purpose').notNull(),
    /** The admin who pressed Test sign-in. */
    requestedBy: uuid('requested_by'),
    /** Where to go after signing in (a path of the portal). */
    returnPath: text('return_path'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** A test's outcome, for the settings page. */
    result: jsonb('result'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'sso_sign_ins_pkey', columns: [t.tenantId, t.id] }),
    // The callback (a URL of the workspace's) finds the flow by the browser's cookie.
    unique('sso_sign_ins_tenant_token_key').on(t.tenantId, t.tokenHash),
    index('sso_sign_ins_tenant_expiry_idx').on(t.tenantId, t.expiresAt),
    foreignKey({
      name: 'sso_sign_ins_requested_by_fk',
      columns: [t.tenantId, t.requestedBy],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    check('sso_sign_ins_purpose', sql`${t.purpose} IN ('sign_in', 'test')`),
  ],
)

/**
 * Bearer tokens of the identity provider's SCIM client (Settings ›
 * Provisioning): shown once, only the SHA-256 kept. A request with one acts as
 * the provisioning identity of its workspace, never as a user.
 */
export const scimTokens = pgTable(
  'scim_tokens',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Rate limit, as api_tokens: requests in the minute starting at `rate_window`. */
    rateWindow: timestamp('rate_window', { withTimezone: true }),
    rateCount: integer('rate_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'scim_tokens_pkey', columns: [t.tenantId, t.id] }),
    unique('scim_tokens_tenant_hash_key').on(t.tenantId, t.tokenHash),
    // Bearer look-ups arrive without a tenant: find the row by hash alone.
    index('scim_tokens_hash_idx').on(t.tokenHash),
    foreignKey({
      name: 'scim_tokens_created_by_fk',
      columns: [t.tenantId, t.createdBy],
      foreignColumns: [users.tenantId, users.id],
    }),
  ],
)

/**
 * A workspace's webhook (Settings › Webhooks): where to POST which events. The
 * signing secret is sealed (we sign with it, so it can't be a hash); after
 * Rotate the previous one still signs too until `previous_secret_until`.
 * `failing_since` is when deliveries started failing (cleared by a success);
 * after 24 hours of that the webhook is switched off with `disabled_reason`.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    secretCiphertext: text('secret_ciphertext').notNull(),
    secretKeyId: text('secret_key_id').notNull(),
    previousSecretCiphertext: text('previous_secret_ciphertext'),
    previousSecretKeyId: text('previous_secret_key_id'),
    previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    /** One instance delivers a webhook's events at a time, in order: the lease of the one that does. */
    deliveringUntil: timestamp('delivering_until', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'webhooks_pkey', columns: [t.tenantId, t.id] }),
    check('webhooks_previous_secret_complete', sql`(${t.previousSecretCiphertext} IS NULL) = (${t.previousSecretKeyId} IS NULL)`),
  ],
)

/**
 * The webhooks' outbox: one row per event and webhook, written in the
 * transaction of the change (by triggers on users and extensions, and by the
 * app for eligibility and imports), so a rolled-back change sends nothing and
 * a committed one is never lost. Delivered in `seq` order per webhook.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    webhookId: uuid('webhook_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** The event's id, the same for every webhook that gets it: receivers de-duplicate by it. */
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** What the event says (`data` of the body); the body is built at sending. */
    data: jsonb('data').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** When this delivery was queued (a redelivery's own time): retries stop 24 hours after it. */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    /** `pending`, `delivered`, or `failed` (gave up after 24 hours). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastDurationMs: integer('last_duration_ms'),
    /** Why the last attempt failed, for Settings (the receiver's status or the network's error, never a body). */
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'webhook_deliveries_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'webhook_deliveries_webhook_fk',
      columns: [t.tenantId, t.webhookId],
      foreignColumns: [webhooks.tenantId, webhooks.id],
    }).onDelete('cascade'),
    // Each webhook's next delivery (its oldest pending one), and its recent deliveries.
    index('webhook_deliveries_pending_idx')
      .on(t.tenantId, t.webhookId, t.seq)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_recent_idx').on(t.tenantId, t.webhookId, t.seq),
    check('webhook_deliveries_status', sql`${t.status} IN ('pending', 'delivered', 'failed')`),
  ],
)

/**
 * What the PBX was last told about each extension (for eligibility.changed),
 * kept only for workspaces with a webhook that wants it: a change is an event
 * only when the answer differs from this.
 */
export const extensionEligibility = pgTable(
  'extension_eligibility',
  {
    tenantId: tenantId(),
    extensionId: uuid('extension_id').notNull(),
    allowed: boolean('allowed').notNull(),
    reason: text('reason').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'extension_eligibility_pkey', columns: [t.tenantId, t.extensionId] }),
    foreignKey({
      name: 'extension_eligibility_extension_fk',
      columns: [t.tenantId, t.extensionId],
      foreignColumns: [extensions.tenantId, extensions.id],
    }).onDelete('cascade'),
    // The sweep re-checks the extensions that may take calls now: only those can expire into "not signed in".
    index('extension_eligibility_allowed_idx')
      .on(t.tenantId, t.extensionId)
      .where(sql`${t.allowed}`),
  ],
)

/**
 * Extensions whose eligibility may have changed (a sign-in or out, a user's
 * status, deletion, force login or extension), marked by triggers in the
 * changing transaction and worked off by any instance.
 */
export const eligibilityChecks = pgTable(
  'eligibility_checks',
  {
    tenantId: tenantId(),
    extensionId: uuid('extension_id').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'eligibility_checks_pkey', columns: [t.tenantId, t.extensionId] })],
)

// ---------------------------------------------------------------- types

export type { ExtensionType, LoginOutcome, ProfileScope, Role, UserStatus } from './enums'
