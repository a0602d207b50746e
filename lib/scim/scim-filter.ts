import 'server-only'
import { sql, type SQL } from 'drizzle-orm'
import { parse, type Filter } from 'scim2-parse-filter'
import { escapeLike } from '@/lib/db/like'
import { ScimError } from './scim-http'

/**
 * SCIM filters (RFC 7644 §3.4.2.2), parsed by scim2-parse-filter and compiled
 * to SQL over the attributes a resource maps (never run over rows in memory:
 * a million users stay one indexed query). Attribute names are
 * case-insensitive; `eq`, `ne`, `co`, `sw`, `ew`, `pr`, `gt`, `ge`, `lt`, `le`,
 * `and`, `or`, `not` and `attr[subfilter]` are understood. What isn't mapped is
 * a 400 `invalidFilter`, never an empty result.
 */

export type Attribute =
  /** Text compared without case (userName, emails, displayName). */
  | { kind: 'text'; column: SQL; caseExact?: boolean }
  /** `userName eq` also finds, for users created in Switchboard, their email (how Okta and Entra match existing users). */
  | { kind: 'userName'; column: SQL; email: SQL; provided: SQL }
  | { kind: 'uuid'; column: SQL }
  | { kind: 'boolean'; column: SQL }
  | { kind: 'dateTime'; column: SQL }
  /** A sub-attribute with one value for every row: an email's `type` is "work", its `primary` true. */
  | { kind: 'constant'; value: string | boolean }
  /** A multi-valued attribute whose `value` is an id, e.g. a group's members: EXISTS (…). */
  | { kind: 'exists'; match: (id: string) => SQL }

export type AttributeMap = Record<string, Attribute>

const invalid = (detail: string) => new ScimError(400, detail, 'invalidFilter')

/** Entra sends `active eq "False"`: the strings true and false are booleans here. */
function booleanOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
  return null
}

const stripSchema = (path: string) => path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i, '').toLowerCase()

function compare(attribute: Attribute, op: string, value: unknown, path: string): SQL {
  if (op === 'pr') {
    if (attribute.kind === 'constant') return attribute.value === '' ? sql`false` : sql`true`
    if (attribute.kind === 'exists') throw invalid(`${path} pr isn't supported: filter on ${path}.value.`)
    const column = attribute.kind === 'userName' ? attribute.column : attribute.column
    return sql`(${column} IS NOT NULL AND ${column}::text <> '')`
  }
  switch (attribute.kind) {
    case 'constant': {
      const v = typeof attribute.value === 'boolean' ? booleanOf(value) : typeof value === 'string' ? value.toLowerCase() : null
      const equal = v === (typeof attribute.value === 'string' ? attribute.value.toLowerCase() : attribute.value)
      if (op === 'eq') return equal ? sql`true` : sql`false`
      if (op === 'ne') return equal ? sql`false` : sql`true`
      throw invalid(`${path} can only be compared with eq or ne.`)
    }
    case 'boolean': {
      const v = booleanOf(value)
      if (v === null) throw invalid(`${path} is a boolean: compare it with true or false.`)
      if (op === 'eq') return sql`${attribute.column} = ${v}`
      if (op === 'ne') return sql`${attribute.column} <> ${v}`
      throw invalid(`${path} can only be compared with eq or ne.`)
    }
    case 'uuid': {
      if (typeof value !== 'string') throw invalid(`${path} is a string.`)
      const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : null
      // An id that can't be ours matches nothing (eq) or everything (ne): no query error.
      if (op === 'eq') return id ? sql`${attribute.column} = ${id}::uuid` : sql`false`
      if (op === 'ne') return id ? sql`${attribute.column} <> ${id}::uuid` : sql`true`
      throw invalid(`${path} can only be compared with eq or ne.`)
    }
    case 'exists': {
      if (op !== 'eq' || typeof value !== 'string') throw invalid(`${path} can only be compared with eq and an id.`)
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
        ? attribute.match(value.toLowerCase())
        : sql`false`
    }
    case 'dateTime': {
      const when = typeof value === 'string' ? new Date(value) : null
      if (!when || Number.isNaN(when.getTime())) throw invalid(`${path} is a date and time: send it as in 2026-12-04T10:00:00Z.`)
      const operators: Record<string, SQL> = { eq: sql`=`, ne: sql`<>`, gt: sql`>`, ge: sql`>=`, lt: sql`<`, le: sql`<=` }
      const operator = operators[op]
      if (!operator) throw invalid(`${path} can be compared with eq, ne, gt, ge, lt or le.`)
      return sql`${attribute.column} ${operator} ${when.toISOString()}::timestamptz`
    }
    case 'text':
    case 'userName': {
      if (typeof value !== 'string') throw invalid(`${path} is a string: put the value in double quotes.`)
      const exact = attribute.kind === 'text' && attribute.caseExact
      const column = exact ? attribute.column : sql`lower(${attribute.column})`
      const v = exact ? value : value.toLowerCase()
      const like = escapeLike(v)
      switch (op) {
        case 'eq':
          return attribute.kind === 'userName'
            ? sql`(${column} = ${v} OR (${attribute.provided} IS NULL AND lower(${attribute.email}) = ${v}))`
            : sql`${column} = ${v}`
        case 'ne':
          return sql`${column} IS DISTINCT FROM ${v}`
        case 'co':
          return sql`${column} LIKE ${`%${like}%`}`
        case 'sw':
          return sql`${column} LIKE ${`${like}%`}`
        case 'ew':
          return sql`${column} LIKE ${`%${like}`}`
        case 'gt':
          return sql`${column} > ${v}`
        case 'ge':
          return sql`${column} >= ${v}`
        case 'lt':
          return sql`${column} < ${v}`
        case 'le':
          return sql`${column} <= ${v}`
      }
      throw invalid(`Unknown operator ${op}.`)
    }
  }
}

function compile(filter: Filter, attributes: AttributeMap, prefix: string): SQL {
  switch (filter.op) {
    case 'and':
    case 'or': {
      const parts = (filter as { filters: Filter[] }).filters.map((f) => compile(f, attributes, prefix))
      return sql`(${sql.join(parts, filter.op === 'and' ? sql` AND ` : sql` OR `)})`
    }
    case 'not':
      return sql`NOT (${compile((filter as { filter: Filter }).filter, attributes, prefix)})`
    case '[]': {
      const { attrPath, valFilter } = filter as { attrPath: string; valFilter: Filter }
      return compile(valFilter, attributes, `${stripSchema(attrPath)}.`)
    }
    default: {
      const { attrPath, compValue } = filter as { attrPath: string; compValue?: unknown }
      const path = prefix + stripSchema(attrPath)
      const attribute = attributes[path] ?? attributes[`${path}.value`]
      if (!attribute) throw invalid(`Filtering on ${attrPath} isn't supported.`)
      return compare(attribute, filter.op.toLowerCase(), compValue, attrPath)
    }
  }
}

/** The WHERE fragment for a `filter` query parameter (null: no filter). */
export function filterSql(filter: string | null, attributes: AttributeMap): SQL | null {
  if (filter === null || filter.trim() === '') return null
  if (filter.length > 2000) throw invalid('That filter is too long.')
  let ast: Filter
  try {
    ast = parse(filter)
  } catch (error) {
    throw invalid(`That filter could not be read: ${(error as Error).message}`.slice(0, 300))
  }
  return compile(ast, attributes, '')
}

/** `startIndex` and `count` (RFC 7644 §3.4.2.4): integers; a start below 1 is 1, a count is between 0 and `max`. */
export function paging(search: URLSearchParams, max = 1000, fallback = 100): { startIndex: number; count: number } {
  const int = (name: string, dflt: number) => {
    const raw = search.get(name)
    if (raw === null || raw === '') return dflt
    if (!/^-?\d{1,9}$/.test(raw.trim())) throw new ScimError(400, `${name} must be an integer.`, 'invalidValue')
    return Number(raw)
  }
  return { startIndex: Math.max(1, int('startIndex', 1)), count: Math.min(max, Math.max(0, int('count', fallback))) }
}

export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
