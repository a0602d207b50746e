import 'server-only'
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { groups, userGroups, users } from '@/db/schema'
import { deprovisionGroup, provisionGroup, reprovisionGroup, type GroupChange } from '@/lib/groups/provision-groups'
import { filterSql, LIST_RESPONSE, paging, type AttributeMap } from './scim-filter'
import { etagOf, ifMatchVersion, resourceId, ScimError, scimJson, scimRefusal, type ScimCall } from './scim-http'
import { normaliseOperations, patchOperationsOf, pickAttributes, valueOf } from './scim-resource'
import { applyPatch } from './scim-users'

/**
 * SCIM Groups (RFC 7643 §4.2) over Switchboard's groups: `displayName` ↔
 * name, `externalId` ↔ the provider's id, `members` ↔ memberships (users
 * only, by id). Member operations (`add`/`remove`/`replace` on `members`, or
 * `members[value eq "…"]`) go straight to set-based writes: a group of 15,000
 * is never read whole to change one member.
 */

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'

const GROUP_ATTRIBUTES: AttributeMap = {
  id: { kind: 'uuid', column: sql`${groups.id}` },
  displayname: { kind: 'text', column: sql`${groups.name}` },
  externalid: { kind: 'text', column: sql`${groups.externalId}`, caseExact: true },
  'members.value': {
    kind: 'exists',
    match: (id) =>
      sql`EXISTS (SELECT 1 FROM ${userGroups} WHERE ${userGroups.tenantId} = ${groups.tenantId} AND ${userGroups.groupId} = ${groups.id} AND ${userGroups.userId} = ${id}::uuid)`,
  },
  'meta.created': { kind: 'dateTime', column: sql`${groups.createdAt}` },
  'meta.lastmodified': { kind: 'dateTime', column: sql`${groups.updatedAt}` },
}

const groupColumns = {
  id: groups.id,
  name: groups.name,
  externalId: groups.externalId,
  version: groups.version,
  createdAt: groups.createdAt,
  updatedAt: groups.updatedAt,
}
interface GroupRow {
  id: string
  name: string
  externalId: string | null
  version: number
  createdAt: Date
  updatedAt: Date
}

/** The live members of these groups (deleted users are in no group a provider sees). */
async function membersOf(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, { value: string; display: string }[]>()
  const rows = await db
    .select({ groupId: userGroups.groupId, value: users.id, display: users.fullName })
    .from(userGroups)
    .innerJoin(users, and(eq(users.tenantId, userGroups.tenantId), eq(users.id, userGroups.userId), isNull(users.deletedAt)))
    .where(and(eq(userGroups.tenantId, tenantId), sql`${userGroups.groupId} IN ${ids}`))
    .orderBy(asc(users.createdAt), asc(users.id))
  const out = new Map<string, { value: string; display: string }[]>()
  for (const r of rows) out.set(r.groupId, [...(out.get(r.groupId) ?? []), { value: r.value, display: r.display }])
  return out
}

function toScimGroup(row: GroupRow, members: { value: string; display: string }[] | null, base: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    displayName: row.name,
    ...(members ? { members: members.map((m) => ({ ...m, type: 'User', $ref: `${base}/Users/${m.value}` })) } : {}),
    meta: {
      resourceType: 'Group',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${base}/Groups/${row.id}`,
      version: etagOf(row.version),
    },
  }
}

const excludesMembers = (search: URLSearchParams) =>
  /(^|,)\s*members\s*(,|$)/i.test(search.get('excludedAttributes') ?? '') ||
  (!!search.get('attributes') && !/(^|,)\s*members/i.test(search.get('attributes') ?? ''))

async function readGroup(db: Db, tenantId: string, id: string): Promise<GroupRow | null> {
  const [row] = await db
    .select(groupColumns)
    .from(groups)
    .where(and(eq(groups.tenantId, tenantId), eq(groups.id, id)))
  return row ?? null
}

async function groupResponse(call: ScimCall<{ id?: string }>, id: string, status = 200): Promise<Response> {
  const row = await readGroup(call.db, call.actor.tenantId, id)
  if (!row) throw new ScimError(404, 'There is no such resource.')
  const members = excludesMembers(call.search) ? null : ((await membersOf(call.db, call.actor.tenantId, [id])).get(id) ?? [])
  const resource = pickAttributes(toScimGroup(row, members, call.base), call.search)
  return scimJson(resource, status, { etag: etagOf(row.version), ...(status === 201 ? { location: resource.meta.location } : {}) })
}

export async function listGroups(call: ScimCall<Record<string, never>>): Promise<Response> {
  const where = and(eq(groups.tenantId, call.actor.tenantId), filterSql(call.search.get('filter'), GROUP_ATTRIBUTES) ?? undefined) as SQL
  const { startIndex, count: size } = paging(call.search)
  const [total] = await call.db.select({ n: count() }).from(groups).where(where)
  const rows = size
    ? await call.db
        .select(groupColumns)
        .from(groups)
        .where(where)
        .orderBy(asc(groups.createdAt), asc(groups.id))
        .limit(size)
        .offset(startIndex - 1)
    : []
  const members = excludesMembers(call.search)
    ? null
    : await membersOf(
        call.db,
        call.actor.tenantId,
        rows.map((r) => r.id),
      )
  return scimJson({
    schemas: [LIST_RESPONSE],
    totalResults: total!.n,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => pickAttributes(toScimGroup(r, members ? (members.get(r.id) ?? []) : null, call.base), call.search)),
  })
}

export async function getGroup(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const row = await readGroup(call.db, call.actor.tenantId, id)
  if (row && call.request.headers.get('if-none-match') === etagOf(row.version))
    return new Response(null, { status: 304, headers: { etag: etagOf(row.version) } })
  return groupResponse(call, id)
}

/** `members` of a resource or operation value: the ids (users only). */
function memberIds(value: unknown): string[] {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((m) => {
    const id = m && typeof m === 'object' ? valueOf(m as Record<string, unknown>, 'value') : m
    if (typeof id !== 'string') throw new ScimError(400, 'Each member needs a value: the id of a user.', 'invalidValue')
    return id.toLowerCase()
  })
}

const textOrNull = (v: unknown, what: string): string | null => {
  if (v === undefined || v === null || v === '') return null
  if (typeof v !== 'string') throw new ScimError(400, `${what} must be a string.`, 'invalidValue')
  return v
}

export async function createGroup(call: ScimCall<Record<string, never>>): Promise<Response> {
  const displayName = textOrNull(valueOf(call.body, 'displayName'), 'displayName')
  if (!displayName) throw new ScimError(400, 'A group needs a displayName.', 'invalidValue')
  const result = await provisionGroup(call.db, call.actor, {
    displayName,
    externalId: textOrNull(valueOf(call.body, 'externalId'), 'externalId'),
    members: memberIds(valueOf(call.body, 'members')),
  })
  if (!result.ok) throw scimRefusal(result)
  return groupResponse(call, result.id, 201)
}

export async function replaceGroup(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const displayName = textOrNull(valueOf(call.body, 'displayName'), 'displayName')
  if (!displayName) throw new ScimError(400, 'A group needs a displayName.', 'invalidValue')
  const result = await reprovisionGroup(
    call.db,
    call.actor,
    id,
    {
      displayName,
      externalId: textOrNull(valueOf(call.body, 'externalId'), 'externalId'),
      members: { set: memberIds(valueOf(call.body, 'members')) },
    },
    ifMatchVersion(call.request),
  )
  if (!result.ok) throw scimRefusal(result)
  return groupResponse(call, id)
}

/**
 * PATCH /Groups/{id}: member operations become one change of the members
 * (adds, removes, or the whole set); the rest (displayName, externalId) is
 * applied to the group without its members, as for users.
 */
export async function patchGroup(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const operations = normaliseOperations(patchOperationsOf(call.body))
  const row = await readGroup(call.db, call.actor.tenantId, id)
  if (!row) throw new ScimError(404, 'There is no such resource.')
  let set: string[] | null = null
  const add: string[] = []
  let remove: string[] | 'all' = []
  const others: typeof operations = []
  for (const op of operations) {
    const path = 'path' in op ? op.path : undefined
    const value = 'value' in op ? op.value : undefined
    const filtered = path ? /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path) : null
    if (path === 'members' || filtered) {
      const ids = filtered ? [filtered[1]!.toLowerCase()] : memberIds(value)
      if (op.op === 'replace') {
        set = ids
        add.length = 0
        remove = []
      } else if (op.op === 'add') {
        if (set) set.push(...ids)
        else add.push(...ids)
      } else if (!filtered && (value === undefined || value === null)) {
        set = null
        add.length = 0
        remove = 'all'
      } else if (set) {
        set = set.filter((s) => !ids.includes(s))
      } else if (remove !== 'all') {
        remove.push(...ids)
      }
      continue
    }
    if (!path && value && typeof value === 'object' && !Array.isArray(value) && 'members' in value) {
      const { members, ...rest } = value as Record<string, unknown>
      if (op.op === 'replace') set = memberIds(members)
      else add.push(...memberIds(members))
      if (Object.keys(rest).length) others.push({ ...op, value: rest } as (typeof operations)[number])
      continue
    }
    if (path && /^members\b/i.test(path)) throw new ScimError(400, `Members are changed by their value (id) only: ${path}.`, 'invalidPath')
    others.push(op)
  }
  const change: GroupChange = {}
  if (others.length) {
    const patched = applyPatch(toScimGroup(row, null, call.base) as Record<string, unknown>, others)
    const displayName = textOrNull(valueOf(patched, 'displayName'), 'displayName')
    if (!displayName) throw new ScimError(400, 'A group needs a displayName.', 'invalidValue')
    change.displayName = displayName
    change.externalId = textOrNull(valueOf(patched, 'externalId'), 'externalId')
  }
  if (set) change.members = { set }
  else if (add.length || remove === 'all' || remove.length) change.members = { add, remove }
  const result = await reprovisionGroup(call.db, call.actor, id, change, ifMatchVersion(call.request))
  if (!result.ok) throw scimRefusal(result)
  // Okta and Entra need no body back; with `attributes` asked for, the group is sent.
  if (!call.search.get('attributes'))
    return new Response(null, { status: 204, headers: { etag: etagOf((await readGroup(call.db, call.actor.tenantId, id))?.version ?? 0) } })
  return groupResponse(call, id)
}

export async function deleteGroup(call: ScimCall<{ id: string }>): Promise<Response> {
  const id = resourceId(call.params.id)
  const result = await deprovisionGroup(call.db, call.actor, id, ifMatchVersion(call.request))
  if (!result.ok) throw scimRefusal(result)
  return new Response(null, { status: 204 })
}
