import 'server-only'
import { sql } from 'drizzle-orm'
import type { Db, Tx } from '@/db/client'
import { isForeignKeyViolation, isUniqueViolation } from '@/db/errors'
import { extensions, importJobUsers, userGroups, users } from '@/db/schema'
import { recordAudit, recordAudits, type AuditInput } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { hashPassword } from '@/lib/auth/passwords'
import type { Keyring } from '@/lib/crypto/keyring'
import { generateSecret } from '@/lib/crypto/secret-box'
import { ImportConflictError, type ImportProcessor, type ImportProgress } from '@/lib/imports/import-jobs'
import type { ImportResult, PreviewRow } from '@/lib/imports/import-report'
import type { TableFile } from '@/lib/imports/read-table-file'
import { appKeyring, sealSipSecret } from '@/lib/crypto/sip-secret'
import { leavesNoActiveAdmin, lockActiveAdmins } from './admin-guard'
import { endDashboardSessions } from '@/lib/auth/session-user'
import { userColumns } from './manage-users'
import { checkUserImportColumns, planUserImport, type PlannedUserRow, type UserImportOptions } from './import-users'

export interface UserImportRun extends UserImportOptions {
  /** Write the valid rows and report the others; otherwise any error writes nothing. */
  skipErrors: boolean
  fileName: string
  /** The job whose users the list's "this import" filter shows; null for the API. */
  jobId: string | null
  progress?: ImportProgress
  ring?: Keyring
}

const BATCH = 1000

/** Runs `fn` over `items` at most `limit` at a time (argon2 runs on libuv's threads: four by default). */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!)
      }
    }),
  )
  return out
}

const chunks = <T>(items: readonly T[], size = BATCH) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/**
 * Imports a file: plans it again inside the transaction (someone may have
 * changed users since the preview), then writes every valid row in a few
 * set-based statements per 1,000 rows. All or nothing by default: a single
 * error writes nothing. With `skipErrors` the valid rows are written and the
 * others reported. Either way nothing is half-written: one transaction.
 */
export async function importUsers(db: Db, actor: Actor, table: TableFile, run: UserImportRun): Promise<ImportResult> {
  if (!actor.permissions.has('users.create')) throw new ImportConflictError('You don’t have permission to import users.')
  const ring = run.ring ?? appKeyring()
  try {
    return await db.transaction(async (tx) => {
      const admins = await lockActiveAdmins(tx, actor.tenantId)
      const plan = await planUserImport(tx, actor, table, run)
      const errors: PreviewRow[] = plan.preview.rows.filter((r) => r.action === 'error')

      // The last active admin can't be demoted or deactivated by a file either.
      const removesAdmin = (r: PlannedUserRow) =>
        r.before?.values.role === 'Admin' &&
        r.before.values.status === 'active' &&
        !(r.input.role === 'Admin' && r.input.status === 'active')
      const removed = plan.rows.filter(removesAdmin)
      let rows = plan.rows
      if (removed.length && leavesNoActiveAdmin(admins, new Set(removed.map((r) => r.userId)))) {
        for (const r of removed)
          errors.push({ line: r.line, action: 'error', key: r.input.username, errors: [{ field: 'Role', message: admins.message }] })
        rows = rows.filter((r) => !removesAdmin(r))
        errors.sort((a, b) => a.line - b.line)
      }
      const unchanged = plan.preview.summary.unchanged
      const created = rows.filter((r) => r.action === 'create')
      const updated = rows.filter((r) => r.action === 'update')
      const result = (written: boolean): ImportResult => ({
        written,
        created: written ? created.length : 0,
        updated: written ? updated.length : 0,
        unchanged,
        failed: errors.length,
        errors,
      })
      if (errors.length && !run.skipErrors) return result(false)

      const total = rows.length
      let done = 0
      const step = async (n: number) => {
        done += n
        await run.progress?.(done, total)
      }
      await run.progress?.(0, total)
      const hashes = new Map<string, string>()
      const withPassword = rows.filter((r) => r.password)
      const hashed = await mapLimited(withPassword, 4, (r) => hashPassword(r.password!))
      withPassword.forEach((r, i) => hashes.set(r.userId, hashed[i]!))

      await createExtensions(tx, actor, rows, ring)
      // New users' memberships go in before the users, their key to users checked at commit: each new row is then
      // written once, its groups' names already in its search text (users_search_text). Written after, the
      // membership trigger would write every new member again (100,000 new users: 45 s → 23–25 s, docs/performance.md).
      await tx.execute(sql`SET CONSTRAINTS user_groups_user_fk DEFERRED`)
      for (const batch of chunks(created)) await insertMemberships(tx, actor.tenantId, membershipPairs(batch))
      for (const batch of chunks(created)) {
        await insertUsers(tx, actor.tenantId, batch, hashes)
        await step(batch.length)
      }
      for (const batch of chunks(updated)) {
        await updateUsers(tx, actor.tenantId, batch, hashes)
        await step(batch.length)
      }
      await setExtensionTypes(tx, actor.tenantId, rows)
      await setGroups(
        tx,
        actor.tenantId,
        updated.filter((r) => r.setsGroups),
      )
      // A session ends with a new password (that reason first, as in the form) or a deactivation.
      const ending = {
        'password-changed': updated.filter((r) => hashes.has(r.userId)),
        deactivated: updated.filter((r) => !hashes.has(r.userId) && deactivates(r)),
      }
      for (const [reason, ended] of Object.entries(ending)) {
        for (const batch of chunks(ended))
          await endDashboardSessions(
            tx,
            actor.tenantId,
            batch.map((r) => r.userId),
            reason,
          )
      }

      const auditsOf = (r: PlannedUserRow): AuditInput[] => {
        const base = { tenantId: actor.tenantId, actor, entityType: 'user', entityId: r.userId }
        if (r.action === 'create') {
          return [{ ...base, action: 'user.create', after: { ...r.input, password: r.password ? 'set' : 'none', import: run.fileName } }]
        }
        const entries: AuditInput[] = []
        if (Object.keys(r.changed.after).length) {
          entries.push({ ...base, action: 'user.update', before: r.changed.before, after: { ...r.changed.after, import: run.fileName } })
        }
        if (hashes.has(r.userId)) entries.push({ ...base, action: 'user.password_change' })
        return entries
      }
      // A batch at a time: 100,000 entries built at once would hold hundreds of megabytes.
      for (const batch of chunks(rows)) await recordAudits(tx, batch.flatMap(auditsOf))
      if (run.jobId) {
        for (const batch of chunks(rows)) {
          await tx.insert(importJobUsers).values(
            batch.map((r) => ({
              tenantId: actor.tenantId,
              jobId: run.jobId!,
              userId: r.userId,
              change: r.action === 'create' ? 'created' : 'updated',
            })),
          )
        }
      }
      const outcome = result(true)
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'users.import',
        entityType: 'import',
        entityId: run.jobId,
        after: { file: run.fileName, created: outcome.created, updated: outcome.updated, unchanged, failed: outcome.failed },
      })
      return outcome
    })
  } catch (error) {
    // A race past the re-validation (another admin took a username, an extension, deleted a group): the transaction rolled back.
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) {
      throw new ImportConflictError(
        'Someone changed users, extensions or groups while this import ran, so nothing was written. Preview the file again.',
      )
    }
    throw error
  }
}

async function createExtensions(tx: Tx, actor: Actor, rows: PlannedUserRow[], ring: Keyring) {
  const wanted = new Map(rows.filter((r) => r.newExtension).map((r) => [r.newExtension!.id, r.newExtension!]))
  for (const batch of chunks([...wanted.values()])) {
    await tx.insert(extensions).values(
      batch.map((x) => ({
        tenantId: actor.tenantId,
        id: x.id,
        number: x.number,
        type: x.type,
        ...sealSipSecret(ring, actor.tenantId, x.id, generateSecret(20)),
      })),
    )
    await recordAudits(
      tx,
      batch.map((x) => ({
        tenantId: actor.tenantId,
        actor,
        action: 'extension.create' as const,
        entityType: 'extension',
        entityId: x.id,
        after: { number: x.number, type: x.type, voicemailEnabled: false, voicemailEmail: '' },
      })),
    )
  }
}

/** An update that switches an active user off. */
const deactivates = (r: PlannedUserRow) => r.before!.values.status === 'active' && r.input.status !== 'active'

/**
 * A planned row as one record of the JSON a batch's INSERT or UPDATE reads
 * (jsonb_to_recordset): a single parameter per 1,000 rows, where a multi-row
 * VALUES would build 16 parameters per row.
 */
function recordOf(tenantId: string, r: PlannedUserRow, hashes: Map<string, string>) {
  const c = { tenantId, id: r.userId, ...userColumns(r.input) }
  const hash = hashes.get(r.userId) ?? null
  return {
    id: c.id,
    full_name: c.fullName,
    email: c.email,
    username: c.username,
    notes: c.notes,
    job_title: c.jobTitle,
    department: c.department,
    mobile: c.mobile,
    hide_from_directory: c.hideFromDirectory,
    extension_id: c.extensionId,
    force_login: c.forceLogin,
    role: c.role,
    profile_id: c.profileId,
    status: c.status,
    password_hash: hash,
    ends_sessions: !!hash || (r.before !== null && deactivates(r)),
  }
}
const RECORD_COLUMNS =
  sql.raw(`id uuid, full_name text, email text, username text, notes text, job_title text, department text, mobile text,
  hide_from_directory boolean, extension_id uuid, force_login boolean, role role, profile_id uuid, status user_status,
  password_hash text, ends_sessions boolean`)

async function insertUsers(tx: Tx, tenantId: string, rows: PlannedUserRow[], hashes: Map<string, string>) {
  // A user without a Password cell has none yet: they can't sign in until one is set.
  await tx.execute(sql`
    INSERT INTO ${users} (tenant_id, id, full_name, email, username, notes, job_title, department, mobile, hide_from_directory,
                          extension_id, force_login, role, profile_id, status, password_hash)
    SELECT ${tenantId}, v.id, v.full_name, v.email, v.username, v.notes, v.job_title, v.department, v.mobile, v.hide_from_directory,
           v.extension_id, v.force_login, v.role, v.profile_id, v.status, v.password_hash
      FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => recordOf(tenantId, r, hashes)))}::jsonb) AS v(${RECORD_COLUMNS})`)
}

/** One UPDATE per batch: the rows travel as one JSON parameter (jsonb_to_recordset), whatever their number. */
async function updateUsers(tx: Tx, tenantId: string, rows: PlannedUserRow[], hashes: Map<string, string>) {
  const values = rows.map((r) => recordOf(tenantId, r, hashes))
  await tx.execute(sql`
    UPDATE ${users} AS u SET
      full_name = v.full_name, email = v.email, username = v.username, notes = v.notes, job_title = v.job_title,
      department = v.department, mobile = v.mobile, hide_from_directory = v.hide_from_directory, extension_id = v.extension_id,
      force_login = v.force_login, role = v.role, profile_id = v.profile_id, status = v.status,
      password_hash = coalesce(v.password_hash, u.password_hash),
      session_version = u.session_version + CASE WHEN v.ends_sessions THEN 1 ELSE 0 END,
      version = u.version + 1, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(${RECORD_COLUMNS})
    WHERE u.tenant_id = ${tenantId} AND u.id = v.id AND u.deleted_at IS NULL`)
}

/** A row's Extension type is the extension's (as the form sets it). */
async function setExtensionTypes(tx: Tx, tenantId: string, rows: PlannedUserRow[]) {
  const wanted = rows
    .filter((r) => r.input.extensionId && !r.newExtension)
    .map((r) => ({ id: r.input.extensionId, type: r.input.extensionType }))
  for (const batch of chunks(wanted)) {
    await tx.execute(sql`
      UPDATE ${extensions} AS e SET type = v.type, version = e.version + 1, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS v(id uuid, type extension_type)
      WHERE e.tenant_id = ${tenantId} AND e.id = v.id AND e.type <> v.type`)
  }
}

/** The rows' memberships, as one JSON parameter of (user_id, group_id) pairs. */
const membershipPairs = (rows: PlannedUserRow[]) =>
  JSON.stringify(rows.flatMap((r) => r.input.groupIds.map((g) => ({ user_id: r.userId, group_id: g }))))

/** The memberships (membershipPairs), added (one a user already has stays as it is). */
async function insertMemberships(tx: Tx, tenantId: string, pairs: string) {
  await tx.execute(sql`
    INSERT INTO ${userGroups} (tenant_id, user_id, group_id)
    SELECT ${tenantId}, p.user_id, p.group_id FROM jsonb_to_recordset(${pairs}::jsonb) AS p(user_id uuid, group_id uuid)
    ON CONFLICT DO NOTHING`)
}

/** The rows' groups become exactly the listed ones: removed memberships first, then the new ones. */
async function setGroups(tx: Tx, tenantId: string, rows: PlannedUserRow[]) {
  for (const batch of chunks(rows)) {
    const ids = JSON.stringify(batch.map((r) => r.userId))
    const pairs = membershipPairs(batch)
    await tx.execute(sql`
      DELETE FROM ${userGroups} AS ug
       WHERE ug.tenant_id = ${tenantId}
         AND ug.user_id IN (SELECT value::uuid FROM jsonb_array_elements_text(${ids}::jsonb))
         AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(${pairs}::jsonb) AS p(user_id uuid, group_id uuid)
                          WHERE p.user_id = ug.user_id AND p.group_id = ug.group_id)`)
    await insertMemberships(tx, tenantId, pairs)
  }
}

/** Users › Import as a job (lib/imports/import-jobs.ts runs it). */
export const userImportProcessor: ImportProcessor = {
  permission: 'users.create',
  checkColumns: (headers) => void checkUserImportColumns(headers),
  preview: async (db, actor, table, options) =>
    (await planUserImport(db, actor, table, { createMissingExtensions: !!options.createMissingExtensions })).preview,
  apply: (db, actor, table, run) =>
    importUsers(db, actor, table, {
      createMissingExtensions: !!run.options.createMissingExtensions,
      skipErrors: !!run.options.skipErrors,
      fileName: run.fileName,
      jobId: run.jobId,
      progress: run.progress,
    }),
}
