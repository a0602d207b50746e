import 'server-only'
import crypto from 'node:crypto'
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Queryable } from '@/db/client'
import { EXTENSION_TYPES, ROLES, USER_STATUSES, type ProfileScope, type Role } from '@/db/enums'
import { extensions, groups, profiles, users } from '@/db/schema'
import { rightsOfUsers } from '@/lib/auth/privilege'
import { managedGroups } from '@/lib/auth/scope'
import type { Actor } from '@/lib/auth/actor'
import { passwordProblem } from '@/lib/auth/password-policy'
import { effectivePermissions, type Permission } from '@/lib/auth/permissions'
import { jsonList } from '@/lib/db/json-list'
import {
  cellReader,
  duplicatesIn,
  matchColumns,
  oneOfIgnoringCase,
  overflowError,
  parseYesNo,
  rowList,
  type ImportColumn,
  type MatchedColumns,
} from '@/lib/imports/import-columns'
import { summarise, type FieldChange, type ImportPreview, type PreviewRow, type RowError } from '@/lib/imports/import-report'
import { ImportFileError, type TableFile, type TableRow } from '@/lib/imports/read-table-file'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { EXPORT_COLUMNS } from './list-export-columns'
import { userFormColumns } from './load-user-for-edit'
import { crossFieldErrors, userInputSchema, type UserField, type UserInput } from './user-input'
import { changeRefusal, type ChangeContext } from './user-change-rules'

/**
 * Users › Import: a CSV or xlsx whose columns are the export's (so an export
 * imports back as "all unchanged"), plus Password and a few profile fields.
 * This module plans (the preview, a dry run); import-users-apply.ts writes.
 * Every rule is the user form's: one zod schema (userInputSchema), the same
 * messages, plus the file's own (a username, email or extension twice).
 */

type ColumnKey =
  | 'fullName'
  | 'username'
  | 'email'
  | 'extension'
  | 'extensionType'
  | 'role'
  | 'profile'
  | 'groups'
  | 'status'
  | 'forceLogin'
  | 'lastLoginAt'
  | 'createdAt'
  | 'password'
  | 'jobTitle'
  | 'department'
  | 'mobile'
  | 'notes'

const READ_ONLY = new Set(['lastLoginAt', 'createdAt'])
export const USER_IMPORT_COLUMNS: readonly ImportColumn<ColumnKey>[] = [
  ...EXPORT_COLUMNS.map((c) => ({ key: c.key, header: c.header, readOnly: READ_ONLY.has(c.key) })),
  { key: 'password', header: 'Password' },
  { key: 'jobTitle', header: 'Job title' },
  { key: 'department', header: 'Department' },
  { key: 'mobile', header: 'Mobile' },
  { key: 'notes', header: 'Notes' },
]
const HEADER = Object.fromEntries(USER_IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>

/** The template's header row: every column an import writes. */
export const USER_TEMPLATE_HEADERS = USER_IMPORT_COLUMNS.filter((c) => !c.readOnly).map((c) => c.header)

/** Needed to create a user; a file without one of them can still update. */
const REQUIRED_FOR_CREATE = ['fullName', 'username', 'email', 'role'] as const

/** The form's field for each of its messages, named by the file's column. */
const FIELD_COLUMN: Partial<Record<UserField, ColumnKey>> = {
  fullName: 'fullName',
  email: 'email',
  username: 'username',
  notes: 'notes',
  jobTitle: 'jobTitle',
  department: 'department',
  mobile: 'mobile',
  extensionId: 'extension',
  extensionType: 'extensionType',
  forceLogin: 'forceLogin',
  role: 'role',
  profileId: 'profile',
  groupIds: 'groups',
  status: 'status',
  password: 'password',
}

export interface UserImportOptions {
  /** An extension number the workspace lacks is created (type from the row's Extension type). */
  createMissingExtensions: boolean
}

/** Checks the header row at upload: an import must be able to tell which user a row is. */
export function checkUserImportColumns(headers: string[]): MatchedColumns<ColumnKey> {
  const columns = matchColumns(headers, USER_IMPORT_COLUMNS)
  if (!columns.index.has('username') && !columns.index.has('email')) {
    throw new ImportFileError('The file needs a “Username” or an “Email” column: that is how rows are matched to users.')
  }
  return columns
}

/** A user the file names: their form values now (as the edit form reads them), extension number and rights. */
interface CurrentUser {
  id: string
  values: UserInput
  extensionNumber: string | null
  rights: Set<Permission>
}

/** A row that will be written: what to write, and what it was. */
export interface PlannedUserRow {
  line: number
  action: 'create' | 'update'
  /** The user's id: the existing one, or a new one chosen now. */
  userId: string
  input: UserInput
  /** An extension to create first (`Create missing extensions`): `input.extensionId` is its new id. */
  newExtension: { id: string; number: string; type: 'WebRTC' | 'SIP' } | null
  password: string | null
  /** The Groups cell was given: the user's groups become exactly these. */
  setsGroups: boolean
  before: CurrentUser | null
  /** The changed fields (form keys) and their values before and after, for the audit log. */
  changed: { before: Record<string, unknown>; after: Record<string, unknown> }
}

export interface UserImportPlan {
  preview: ImportPreview
  rows: PlannedUserRow[]
}

interface Names {
  profiles: { id: string; name: string; role: Role; permissions: string[]; scope: ProfileScope }[]
  profileByName: Map<string, Names['profiles'][number]>
  profileById: Map<string, Names['profiles'][number]>
  groupByName: Map<string, { id: string; name: string }>
  groupName: Map<string, string>
}

/** The change rules' facts for the whole file: every profile and group by name; a scoped actor may only use their managed groups. */
async function importFacts(db: Queryable, actor: Actor, names: Names): Promise<ChangeContext['facts']> {
  const managed = actor.scoped ? new Set((await managedGroups(db, actor)).map((g) => g.id)) : null
  const all = [...names.groupByName.values()].map((g) => g.id)
  return { profiles: names.profileById, groups: new Set(managed ? all.filter((id) => managed.has(id)) : all), managed }
}

async function loadNames(db: Queryable, tenantId: string): Promise<Names> {
  const profileRows = await db
    .select({ id: profiles.id, name: profiles.name, role: profiles.role, permissions: profiles.permissions, scope: profiles.scope })
    .from(profiles)
    .where(eq(profiles.tenantId, tenantId))
  const groupRows = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.tenantId, tenantId))
  return {
    profiles: profileRows,
    profileByName: new Map(profileRows.map((p) => [p.name.toLowerCase(), p])),
    profileById: new Map(profileRows.map((p) => [p.id, p])),
    groupByName: new Map(groupRows.map((g) => [g.name.toLowerCase(), g])),
    groupName: new Map(groupRows.map((g) => [g.id, g.name])),
  }
}

/** The live users of the workspace a file names, by username or email, in one query. */
async function loadCurrentUsers(db: Queryable, actor: Actor, usernames: string[], emails: string[]): Promise<CurrentUser[]> {
  if (!usernames.length && !emails.length) return []
  const tenantId = actor.tenantId
  const rows = await db
    .select({ id: users.id, ...userFormColumns(), extensionNumber: extensions.number, profilePermissions: profiles.permissions })
    .from(users)
    .leftJoin(extensions, and(eq(extensions.tenantId, users.tenantId), eq(extensions.id, users.extensionId)))
    .leftJoin(profiles, and(eq(profiles.tenantId, users.tenantId), eq(profiles.id, users.profileId)))
    .where(
      and(
        eq(users.tenantId, tenantId),
        isNull(users.deletedAt),
        or(
          usernames.length ? sql`${users.username} IN ${jsonList(usernames)}` : undefined,
          emails.length ? sql`lower(${users.email}) IN ${jsonList(emails)}` : undefined,
        ),
      ),
    )
  // A scoped actor: users outside their groups count as having every right (lib/auth/privilege.ts), so their rows are errors.
  const scoped = actor.scoped
    ? await rightsOfUsers(
        db,
        actor,
        rows.map((r) => r.id),
      )
    : null
  return rows.map(({ id, extensionNumber, profilePermissions, ...values }) => ({
    id,
    // Sorted here, not in SQL: collations may order uuids' hyphens differently.
    values: { ...values, groupIds: [...values.groupIds].sort() },
    extensionNumber,
    rights: scoped?.get(id) ?? effectivePermissions(values.role, values.profileId ? (profilePermissions ?? []) : null),
  }))
}

interface ExtensionRef {
  id: string
  number: string
  type: 'WebRTC' | 'SIP'
  holderId: string | null
  holderName: string | null
}

async function loadExtensions(db: Queryable, tenantId: string, numbers: string[]): Promise<Map<string, ExtensionRef>> {
  if (!numbers.length) return new Map()
  const rows = await db
    .select({ id: extensions.id, number: extensions.number, type: extensions.type, holderId: users.id, holderName: users.fullName })
    .from(extensions)
    .leftJoin(users, and(eq(users.tenantId, extensions.tenantId), eq(users.extensionId, extensions.id)))
    .where(and(eq(extensions.tenantId, tenantId), sql`${extensions.number} IN ${jsonList(numbers)}`))
  return new Map(rows.map((r) => [r.number, r]))
}

const listOf = (names: string[]) =>
  names.length === 0 ? 'none yet' : names.slice(0, 10).join(', ') + (names.length > 10 ? ` and ${names.length - 10} more` : '')
const yesNo = (v: boolean) => (v ? 'Yes' : 'No')

/** What an update shows as "old → new", by column, and the form's value behind it. */
function displayValues(v: UserInput, names: Names, extensionNumber: string | null, password: boolean) {
  return {
    fullName: v.fullName,
    username: v.username,
    email: v.email,
    extension: extensionNumber ?? '',
    extensionType: extensionNumber ? v.extensionType : '',
    role: v.role,
    profile: v.profileId ? (names.profileById.get(v.profileId)?.name ?? '') : '',
    groups: v.groupIds
      .map((id) => names.groupName.get(id) ?? '')
      .sort((a, b) => a.localeCompare(b))
      .join(', '),
    status: v.status,
    forceLogin: yesNo(v.forceLogin),
    jobTitle: v.jobTitle,
    department: v.department,
    mobile: v.mobile,
    notes: v.notes,
    password: password ? '(new password)' : '',
  } satisfies Partial<Record<ColumnKey, string>>
}
type Display = ReturnType<typeof displayValues>
/** Where a row starts from: the user's current values, or a new user's defaults. */
function baseValues(current: CurrentUser | null): Record<string, unknown> {
  if (current) return { ...current.values }
  return { notes: '', jobTitle: '', department: '', mobile: '', hideFromDirectory: false, extensionId: null, forceLogin: false }
}

/**
 * The dry run: every row's action, its changes ("old → new") or its errors,
 * and what would be written. Reads a few set-based queries whatever the file's
 * size (names, the users and extensions it mentions), never one per row.
 */
export async function planUserImport(db: Queryable, actor: Actor, table: TableFile, options: UserImportOptions): Promise<UserImportPlan> {
  const columns = checkUserImportColumns(table.headers)
  const cell = cellReader(columns)
  const hasColumn = (key: ColumnKey) => columns.index.has(key)
  const byUsernameColumn = hasColumn('username')

  const usernames = new Set<string>()
  const emails = new Set<string>()
  const numbers = new Set<string>()
  for (const row of table.rows) {
    const u = cell(row, 'username')?.toLowerCase()
    const e = cell(row, 'email')?.toLowerCase()
    const x = cell(row, 'extension')
    if (u) usernames.add(u)
    if (e) emails.add(e)
    if (x) numbers.add(x)
  }
  const names = await loadNames(db, actor.tenantId)
  const current = await loadCurrentUsers(db, actor, [...usernames], [...emails])
  const byUsername = new Map(current.map((u) => [u.values.username, u]))
  const byEmail = new Map(current.map((u) => [u.values.email.toLowerCase(), u]))
  const extensionByNumber = await loadExtensions(db, actor.tenantId, [...numbers])
  const newExtensionIds = new Map<string, string>()

  interface Work {
    row: TableRow
    key: string
    current: CurrentUser | null
    errors: RowError[]
    input: UserInput | null
    newExtension: PlannedUserRow['newExtension']
    extensionNumber: string | null
    password: string | null
    setsGroups: boolean
    /** The username, email (lower-cased) and extension the row would have: one row each per file. */
    identity: { username: string; email: string; extension: string }
  }

  const works: Work[] = table.rows.map((row) => {
    const errors: RowError[] = []
    const fail = (key: ColumnKey | '', message: string) => errors.push({ field: key ? HEADER[key] : '', message })
    const overflow = overflowError(row, table.headers)
    if (overflow) fail('', overflow)

    const username = cell(row, 'username')?.toLowerCase() ?? ''
    const email = cell(row, 'email') ?? ''
    const found = byUsernameColumn
      ? username
        ? byUsername.get(username)
        : undefined
      : email
        ? byEmail.get(email.toLowerCase())
        : undefined
    const existing = found ?? null
    const key = username || email || `row ${row.line}`
    const values = baseValues(existing)
    const set = (field: keyof UserInput, key: ColumnKey) => {
      const v = cell(row, key)
      if (v) values[field] = v
    }

    if (!existing) {
      for (const required of REQUIRED_FOR_CREATE) {
        if (!hasColumn(required)) fail(required, `The file has no “${HEADER[required]}” column: a new user needs one.`)
      }
    }
    set('fullName', 'fullName')
    set('username', 'username')
    set('email', 'email')
    set('jobTitle', 'jobTitle')
    set('department', 'department')
    set('mobile', 'mobile')
    set('notes', 'notes')

    const roleCell = cell(row, 'role')
    if (roleCell) {
      const role = oneOfIgnoringCase(ROLES, roleCell)
      if (role) values.role = role
      else fail('role', `Unknown role “${roleCell}”. Use ${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)}.`)
    }
    const profileCell = cell(row, 'profile')
    if (profileCell) {
      const profile = names.profileByName.get(profileCell.toLowerCase())
      if (profile) values.profileId = profile.id
      else fail('profile', `Unknown profile “${profileCell}”. Profiles of this workspace: ${listOf(names.profiles.map((p) => p.name))}.`)
    } else if (existing?.values.profileId && values.role !== existing.values.role) {
      // A profile belongs to one role: a new role with a blank Profile drops the old role's profile.
      values.profileId = null
    }
    const groupsCell = cell(row, 'groups')
    const setsGroups = !!groupsCell
    if (groupsCell) {
      const ids: string[] = []
      const unknown: string[] = []
      for (const name of groupsCell
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)) {
        const group = names.groupByName.get(name.toLowerCase())
        if (group) ids.push(group.id)
        else unknown.push(name)
      }
      if (unknown.length) {
        fail(
          'groups',
          `Unknown group${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `“${n}”`).join(', ')}. Groups of this workspace: ${listOf([...names.groupByName.values()].map((g) => g.name))}.`,
        )
      }
      values.groupIds = [...new Set(ids)].sort()
    } else if (!existing) values.groupIds = []
    const statusCell = cell(row, 'status')
    if (statusCell) {
      const status = oneOfIgnoringCase(USER_STATUSES, statusCell)
      if (status) values.status = status
      else fail('status', 'Use Active or Inactive.')
    }
    const forceCell = cell(row, 'forceLogin')
    if (forceCell) {
      const force = parseYesNo(forceCell)
      if (force === null) fail('forceLogin', 'Use Yes or No.')
      else values.forceLogin = force
    }
    const typeCell = cell(row, 'extensionType')
    if (typeCell) {
      const type = oneOfIgnoringCase(EXTENSION_TYPES, typeCell)
      if (type) values.extensionType = type
      else fail('extensionType', 'Use WebRTC or SIP.')
    }

    let newExtension: PlannedUserRow['newExtension'] = null
    let extensionNumber = existing?.extensionNumber ?? null
    const numberCell = cell(row, 'extension')
    if (numberCell) {
      extensionNumber = numberCell
      const extension = extensionByNumber.get(numberCell)
      if (!/^[0-9]{2,10}$/.test(numberCell)) fail('extension', 'Use 2 to 10 digits.')
      else if (extension) {
        values.extensionId = extension.id
        if (extension.holderId && extension.holderId !== existing?.id) {
          fail('extension', `Extension ${extension.number} belongs to ${extension.holderName}. Choose a free one.`)
        }
        // The extension's own type stays unless the row names one.
        if (!typeCell && extension.id !== existing?.values.extensionId) values.extensionType = extension.type
      } else if (options.createMissingExtensions && !actor.permissions.has('extensions.manage')) {
        fail('extension', `Extension ${numberCell} doesn’t exist, and you don’t have permission to create extensions.`)
      } else if (options.createMissingExtensions) {
        let id = newExtensionIds.get(numberCell)
        if (!id) newExtensionIds.set(numberCell, (id = crypto.randomUUID()))
        values.extensionId = id
        newExtension = { id, number: numberCell, type: (values.extensionType as 'WebRTC' | 'SIP' | undefined) ?? 'WebRTC' }
      } else {
        fail(
          'extension',
          `Extension ${numberCell} doesn’t exist in this workspace. Create it in Settings › Extensions, or tick “Create missing extensions”.`,
        )
      }
    }

    const parsed = userInputSchema.safeParse(values)
    const fieldErrors = {
      ...(parsed.success ? {} : fieldErrorsOf<UserField>(parsed.error)),
      ...crossFieldErrors({ forceLogin: values.forceLogin, extensionId: values.extensionId ?? '' }),
    }
    for (const [field, message] of Object.entries(fieldErrors)) {
      const column = FIELD_COLUMN[field as UserField]
      // A value the row didn't give was already wrong (a blank cell keeps it): still reported, under its column.
      if (message && !errors.some((e) => e.field === (column ? HEADER[column] : ''))) fail(column ?? '', message)
    }
    const password = cell(row, 'password') || null
    if (password) {
      const problem = passwordProblem(password, { username: String(values.username ?? ''), email: String(values.email ?? '') })
      if (problem) fail('password', problem)
    }
    return {
      row,
      key,
      current: existing,
      errors,
      input: parsed.success ? parsed.data : null,
      newExtension,
      extensionNumber: extensionNumber && /^[0-9]{2,10}$/.test(extensionNumber) ? extensionNumber : null,
      password,
      setsGroups,
      identity: {
        username: String(values.username ?? '')
          .trim()
          .toLowerCase(),
        email: String(values.email ?? '')
          .trim()
          .toLowerCase(),
        extension: numberCell || existing?.extensionNumber || '',
      },
    }
  })

  // The file's own rules: one user per username, email and extension.
  const lineOf = (w: Work) => w.row.line
  const same = (keyOf: (w: Work) => string | null, column: ColumnKey, what: (w: Work) => string) => {
    for (const [w, lines] of duplicatesIn(works, keyOf, lineOf)) {
      w.errors.push({ field: HEADER[column], message: `${what(w)} appears on ${rowList(lines)} of this file.` })
    }
  }
  same(
    (w) => w.identity.username || null,
    'username',
    (w) => `The username ${w.identity.username}`,
  )
  same(
    (w) => w.identity.email || null,
    'email',
    (w) => `The email ${w.identity.email}`,
  )
  same(
    (w) => w.identity.extension || null,
    'extension',
    (w) => `Extension ${w.identity.extension}`,
  )

  const rules: ChangeContext = {
    actor,
    facts: await importFacts(db, actor, names),
    activeAdmins: null,
    removedAdmins: new Set(),
  }
  const planned: PlannedUserRow[] = []
  const previewRows: PreviewRow[] = works.map((work) => {
    const { current: existing, input } = work
    const fail = (key: ColumnKey | '', message: string) => work.errors.push({ field: key ? HEADER[key] : '', message })
    if (input) {
      const emailOwner = byEmail.get(input.email.toLowerCase())
      if (emailOwner && emailOwner.id !== existing?.id) fail('email', 'Another user of this workspace has this email.')
      const usernameOwner = byUsername.get(input.username)
      if (!byUsernameColumn && usernameOwner && usernameOwner.id !== existing?.id)
        fail('username', 'This username is taken in this workspace.')
    }
    if (work.errors.length || !input) return { line: work.row.line, action: 'error', key: work.key, errors: work.errors }

    const after = displayValues(input, names, work.extensionNumber, !!work.password)
    const changes: FieldChange[] = []
    if (existing) {
      const before = displayValues(existing.values, names, existing.extensionNumber, false)
      for (const field of Object.keys(after) as (keyof Display)[]) {
        if (before[field] !== after[field]) changes.push({ field: HEADER[field], from: before[field], to: after[field] })
      }
      if (!changes.length) return { line: work.row.line, action: 'unchanged', key: work.key }
    }

    // The rules about who may do what, for rows that would write.
    if (existing && !actor.permissions.has('users.update')) fail('', 'You don’t have permission to edit users: this row would change one.')
    // The user form's own rules (user-change-rules.ts); the last active admin is guarded when the import runs, under the admins' lock.
    const refusal = changeRefusal(rules, existing ? { id: existing.id, before: existing.values, rights: existing.rights } : null, input)
    if (refusal?.formError) fail('', refusal.formError)
    for (const [field, message] of Object.entries(refusal?.fieldErrors ?? {})) {
      if (message) fail(FIELD_COLUMN[field as UserField] ?? '', message)
    }
    if (existing && existing.id === actor.userId && work.password) fail('password', 'Change your own password in My account.')
    if (existing && work.password && !actor.permissions.has('users.password')) {
      fail('password', 'You don’t have permission to set other users’ passwords.')
    }
    if (work.errors.length) return { line: work.row.line, action: 'error', key: work.key, errors: work.errors }

    const beforeInput = existing?.values ?? null
    const changedKeys = (Object.keys(input) as (keyof UserInput)[]).filter(
      (k) => !beforeInput || JSON.stringify(beforeInput[k]) !== JSON.stringify(input[k]),
    )
    planned.push({
      line: work.row.line,
      action: existing ? 'update' : 'create',
      userId: existing?.id ?? crypto.randomUUID(),
      input,
      newExtension: work.newExtension,
      password: work.password,
      setsGroups: work.setsGroups || !existing,
      before: existing,
      changed: {
        before: beforeInput ? Object.fromEntries(changedKeys.map((k) => [k, beforeInput[k]])) : {},
        after: Object.fromEntries(changedKeys.map((k) => [k, input[k]])),
      },
    })
    return existing
      ? { line: work.row.line, action: 'update', key: work.key, changes }
      : { line: work.row.line, action: 'create', key: work.key }
  })
  return {
    preview: { summary: summarise(previewRows), rows: previewRows, unknownColumns: columns.unknown, readOnlyColumns: columns.readOnly },
    rows: planned,
  }
}
