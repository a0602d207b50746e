import 'server-only'
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { scimPatch, type ScimPatchOperation } from 'scim-patch'
import type { Db } from '@/db/client'
import { groups, userGroups, users } from '@/db/schema'
import { deprovisionUser, provisionUser, reprovisionUser, type ProvidedUser } from '@/lib/users/provision-users'
import { filterSql, LIST_RESPONSE, paging, type AttributeMap } from './scim-filter'
import { etagOf, ifMatchVersion, resourceId, ScimError, scimJson, scimRefusal, type ScimCall } from './scim-http'
import { normaliseOperations, patchOperationsOf, pickAttributes, booleanValue, valueOf } from './scim-resource'

/**
 * SCIM Users (RFC 7643 §4.1) over Switchboard's users. The mapping:
 * `userName` ↔ the username (kept as sent when it doesn't fit the username
 * rule, e.g. an email), `name.formatted` (or given + family names) ↔ full
 * name, the primary (else work, else first) email ↔ email, the mobile phone
 * number ↔ mobile, `title` ↔ job title, the enterprise extension's
 * `department` ↔ department, `active` ↔ status, `externalId` ↔ the
 * provider's id. Groups are read-only here (Groups changes them). Deleted
 * users are gone (404) and free their userName for a new one.
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

const userColumns = {
  id: users.id,
  username: users.username,
  scimUserName: users.scimUserName,
  externalId: users.externalId,
  fullName: users.fullName,
  email: users.email,
  mobile: users.mobile,
  jobTitle: users.jobTitle,
  department: users.department,
  status: users.status,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
}
interface UserRow {
  id: string
  username: string
  scimUserName: string | null
  externalId: string | null
  fullName: string
  email: string
  mobile: string
  jobTitle: string
  department: string
  status: 'active' | 'inactive'
  version: number
  createdAt: Date
  updatedAt: Date
  groups?: { value: string; display: string }[]
}

/** The filterable attributes (lower-case paths). */
const USER_ATTRIBUTES: AttributeMap = {
  id: { kind: 'uuid', column: sql`${users.id}` },
  username: {
    kind: 'userName',
    column: sql`coalesce(${users.scimUserName}, ${users.username})`,
    email: sql`${users.email}`,
    provided: sql`${users.scimUserName}`,
  },
  externalid: { kind: 'text', column: sql`${users.externalId}`, caseExact: true },
  active: { kind: 'boolean', column: sql`(${users.status} = 'active')` },
  displayname: { kind: 'text', column: sql`${users.fullName}` },
  'name.formatted': { kind: 'text', column: sql`${users.fullName}` },
  'emails.value': { kind: 'text', column: sql`${users.email}` },
  'emails.type': { kind: 'constant', value: 'work' },
  'emails.primary': { kind: 'constant', value: true },
  title: { kind: 'text', column: sql`${users.jobTitle}` },
  [`${ENTERPRISE_SCHEMA.toLowerCase()}:department`]: { kind: 'text', column: sql`${users.department}` },
  'meta.created': { kind: 'dateTime', column: sql`${users.createdAt}` },
  'meta.lastmodified': { kind: 'dateTime', column: sql`${users.updatedAt}` },
}

function nameParts(fullName: string) {
  const words = fullName.trim().split(/\s+/)
  return words.length > 1 ? { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1)! } : { givenName: fullName }
}

export function toScimUser(row: UserRow, base: string) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    userName: row.scimUserName ?? row.username,
    name: { formatted: row.fullName, ...nameParts(row.fullName) },
    displayName: row.fullName,
    ...(row.jobTitle ? { title: row.jobTitle } : {}),
    active: row.status === 'active',
    emails: [{ value: row.email, type: 'work', primary: true }],
    ...(row.mobile ? { phoneNumbers: [{ value: row.mobile, type: 'mobile' }] } : {}),
    ...(row.groups ? { groups: row.groups.map((g) => ({ ...g, $ref: `${base}/Groups/${g.value}` })) } : {}),
    [ENTERPRISE_SCHEMA]: row.department ? { department: row.department } : {},
    meta: {
      resourceType: 'User',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${base}/Users/${row.id}`,
      version: etagOf(row.version),
    },
  }
}

const text = (v: unknown, what: string): string => {
  if (v === undefined || v === null) return ''
  if (typeof v !== 'string') throw new ScimError(400, `${what} must be a string.`, 'invalidValue')
  return v
}

/** The multi-valued attribute's entry to use: the primary one, else of `type`, else the first. */
function pickValue(list: unknown, type: string | null, what: string): string {
  if (list === undefined || list === null) return ''
  if (!Array.isArray(list)) throw new ScimError(400, `${what} must be a list.`, 'invalidValue')
  const entries = list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
  const chosen = type
    ? entries.find((e) => typeof valueOf(e, 'type') === 'string' && (valueOf(e, 'type') as string).toLowerCase() === type)
    : (entries.find((e) => booleanValue(valueOf(e, 'primary')) === true) ??
      entries.find((e) => String(valueOf(e, 'type') ?? '').toLowerCase() === 'work') ??
      entries[0])
  return chosen ? text(valueOf(chosen, 'value'), `${what}.value`).trim() : ''
}

/**
 * The provider's resource as our attributes; `current` fills what a resource
 * may leave out (`active`). Refuses what can't make a user (no userName, no
 * email) with 400 invalidValue.
 */
export function providedUserOf(resource: Record<string, unknown>, current: { active: boolean } | null): ProvidedUser {
  const userName = text(valueOf(resource, 'userName'), 'userName').trim()
  if (!userName) throw new ScimError(400, 'A user needs a userName.', 'invalidValue')
  const name = valueOf(resource, 'name')
  const nameObject = name && typeof name === 'object' ? (name as Record<string, unknown>) : {}
  const formatted = text(valueOf(nameObject, 'formatted'), 'name.formatted').trim()
  const composed = ['givenName', 'middleName', 'familyName']
    .map((k) => text(valueOf(nameObject, k), `name.${k}`).trim())
    .filter(Boolean)
    .join(' ')
  const email = pickValue(valueOf(resource, 'emails'), null, 'emails') || (userName.includes('@') ? userName : '')
  if (!email) throw new ScimError(400, 'A user needs an email: send emails, or a userName that is one.', 'invalidValue')
  const enterprise = valueOf(resource, ENTERPRISE_SCHEMA)
  const active = valueOf(resource, 'active')
  const activeValue = active === undefined || active === null ? (current?.active ?? true) : booleanValue(active)
  if (activeValue === null) throw new ScimError(400, 'active must be true or false.', 'invalidValue')
  const externalId = valueOf(resource, 'externalId')
  return {
    userName,
    fullName: formatted || composed || text(valueOf(resource, 'displayName'), 'displayName').trim() || userName,
    email,
    jobTitle: text(valueOf(resource, 'title'), 'title').trim(),
    department:
      enterprise && typeof enterprise === 'object'
        ? text(valueOf(enterprise as Record<string, unknown>, 'department'), 'department').trim()
        : '',
    mobile: pickValue(valueOf(resource, 'phoneNumbers'), 'mobile', 'phoneNumbers'),
    active: activeValue,
    externalId: externalId === undefined || externalId === null || externalId === '' ? null : text(externalId, 'externalId'),
  }
}

const live = (tenantId: string) => and(eq(users.tenantId, tenantId), isNull(users.deletedAt))

/** Each listed user's groups, in one query. */
async function withGroups(db: Db, tenantId: string, rows: Omit<UserRow, 'groups'>[]): Promise<UserRow[]> {
  if (!rows.length) return []
  const memberships = await db
    .select({ userId: userGroups.userId, value: groups.id, display: groups.name })
    .from(userGroups)
    .innerJoin(groups, and(eq(groups.tenantId, userGroups.tenantId), eq(groups.id, userGroups.groupId)))
    .where(and(eq(userGroups.tenantId, tenantId), sql`${userGroups.userId} IN ${rows.map((r) => r.id)}`))
    .orderBy(asc(groups.name))
  return rows.map((r) => ({ ...r, groups: memberships.filter((m) => m.userId === r.id).map(({ value, display }) => ({ value, display })) }))
}

async function readUser(db: Db, tenantId: string, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(live(tenantId), eq(users.id, id)))
  return row ? (await withGroups(db, tenantId, [row]))[0]! : null
}

async function userResponse(call: ScimCall<{ id?: string }>, id: string, status = 200): Promise<Response> {
  const row = await readUser(call.db, call.actor.tenantId, id)
  if (!row) throw new ScimError(404, 'There is no such resource.')
  const resource = pickAttributes(toScimUser(row, call.base), call.search)
  return scimJson(resource, status, { etag: etagOf(row.version), ...(status === 201 ? { location: resource.meta.location } : {}) })
}

/** GET /Users: the filter, in creation order (stable across pages), with `totalResults`. */
export async function listUsers(call: ScimCall<Record<string, never>>): Promise<Response> {
  const where = and(live(call.actor.tenantId), filterSql(call.search.get('filter'), USER_ATTRIBUTES) ?? undefined) as SQL
  const { startIndex, count: size } = paging(call.search)
  const [total] = await call.db.select({ n: count() }).from(users).where(where)
  const rows = size
    ? await call.db
        .select(userColumns)
        .from(users)
        .where(where)
        .orderBy(asc(users.createdAt), asc(users.id))
        .limit(size)
        .offset(startIndex - 1)
    : []
  const excludeGroups = /(^|,)\s*groups\s*(,|$)/i.test(call.search.get('excludedAttributes') ?? '')
  const full = excludeGroups ? rows : await withGroups(call.db, call.actor.tenantId, rows)
  return scimJson({
    schemas: [LIST_RESPONSE],
    totalResults: total!.n,
    startIndex,
    itemsPerPage: full.length,
    Resources: full.map((r) => pickAttributes(toScimUser(r, call.base), call.search)),
  })
}

export async function getUser(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const row = await readUser(call.db, call.actor.tenantId, id)
  if (!row) throw new ScimError(404, 'There is no such resource.')
  if (call.request.headers.get('if-none-match') === etagOf(row.version))
    return new Response(null, { status: 304, headers: { etag: etagOf(row.version) } })
  return scimJson(pickAttributes(toScimUser(row, call.base), call.search), 200, { etag: etagOf(row.version) })
}

/** POST /Users: an Agent; 409 uniqueness when the userName, email or externalId is someone's. */
export async function createUser(call: ScimCall<Record<string, never>>): Promise<Response> {
  const result = await provisionUser(call.db, call.actor, providedUserOf(call.body, null))
  if (!result.ok) throw scimRefusal(result)
  return userResponse(call, result.id, 201)
}

async function currentResource(call: ScimCall<{ id: string }>, id: string) {
  const row = await readUser(call.db, call.actor.tenantId, id)
  if (!row) throw new ScimError(404, 'There is no such resource.')
  return { row, resource: toScimUser(row, call.base) as Record<string, unknown> }
}

async function replaceWith(call: ScimCall<{ id: string }>, id: string, resource: Record<string, unknown>, current: { active: boolean }) {
  const result = await reprovisionUser(call.db, call.actor, id, providedUserOf(resource, current), ifMatchVersion(call.request))
  if (!result.ok) throw scimRefusal(result)
  return userResponse(call, id)
}

/** PUT /Users/{id}: the provider's attributes replaced (what it leaves out is cleared, but `active`). */
export async function replaceUser(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const { row } = await currentResource(call, id)
  return replaceWith(call, id, call.body, { active: row.status === 'active' })
}

/**
 * PATCH /Users/{id} (RFC 7644 §3.5.2): the operations applied to the current
 * resource (scim-patch: add/replace/remove, with or without a path, filters in
 * paths), Entra's capitalised ops and string booleans and dotted keys in a
 * path-less value understood, then saved as a replace.
 */
export async function patchUser(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const operations = normaliseOperations(patchOperationsOf(call.body))
  const { row, resource } = await currentResource(call, id)
  const patched = applyPatch(resource, operations)
  return replaceWith(call, id, withComposedName(resource, patched), { active: row.status === 'active' })
}

/**
 * We keep one full name, and send it as `name.formatted`: a patch of the given
 * or family name alone (Entra's way) would leave that formatted name as it was.
 * When the parts changed and `formatted` didn't, the parts make the name.
 */
function withComposedName(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const part = (r: Record<string, unknown>, k: string) => {
    const name = valueOf(r, 'name')
    return name && typeof name === 'object' ? valueOf(name as Record<string, unknown>, k) : undefined
  }
  const partsChanged = ['givenName', 'middleName', 'familyName'].some((k) => part(before, k) !== part(after, k))
  if (!partsChanged || part(before, 'formatted') !== part(after, 'formatted')) return after
  const { formatted: _formatted, ...name } = valueOf(after, 'name') as Record<string, unknown>
  return { ...after, name }
}

export function applyPatch(resource: Record<string, unknown>, operations: ScimPatchOperation[]): Record<string, unknown> {
  try {
    return scimPatch(structuredClone(resource) as never, operations, { mutateDocument: true, treatMissingAsAdd: true }) as Record<
      string,
      unknown
    >
  } catch (error) {
    const name = (error as Error).name ?? ''
    const detail = (error as Error).message.slice(0, 300)
    if (/NoPath/i.test(name)) throw new ScimError(400, detail, 'noTarget')
    if (/NoTarget/i.test(name)) throw new ScimError(400, detail, 'noTarget')
    if (/Path|Filter/i.test(name)) throw new ScimError(400, detail, 'invalidPath')
    if (error instanceof TypeError || /Scim/i.test(name)) throw new ScimError(400, detail, 'invalidSyntax')
    throw error
  }
}

/** DELETE /Users/{id}: a soft delete, as Users › Delete (sessions end, the extension is freed). */
export async function deleteUser(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const result = await deprovisionUser(call.db, call.actor, id, ifMatchVersion(call.request))
  if (!result.ok) throw scimRefusal(result)
  return new Response(null, { status: 204 })
}
