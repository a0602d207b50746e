import 'server-only'
import type { ScimPatchOperation } from 'scim-patch'
import { ScimError } from './scim-http'

/**
 * What SCIM resources of every type share: attribute names read without case
 * (RFC 7643 §2.1), Entra's booleans as strings, PatchOp messages as Okta and
 * Entra send them, and the `attributes` / `excludedAttributes` parameters.
 */

const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

/** The canonical spelling of every top-level attribute we map: a path or key in any case is written this way. */
const CANONICAL = new Map(
  [
    'schemas',
    'id',
    'externalId',
    'userName',
    'name',
    'displayName',
    'title',
    'active',
    'emails',
    'phoneNumbers',
    'groups',
    'members',
    'meta',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ].map((a) => [a.toLowerCase(), a]),
)
const SUB_ATTRIBUTES = new Map(
  ['formatted', 'givenName', 'familyName', 'middleName', 'value', 'type', 'primary', 'display', 'department'].map((a) => [
    a.toLowerCase(),
    a,
  ]),
)

/** `key` of `object`, whatever its case. */
export function valueOf(object: Record<string, unknown>, key: string): unknown {
  if (key in object) return object[key]
  const lower = key.toLowerCase()
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower)
  return found === undefined ? undefined : object[found]
}

/** true, false, and Entra's "True" / "False". */
export function booleanValue(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true'
  return null
}

/** A path with its attribute names canonically spelled (`Emails[Type eq "work"].Value` → `emails[type eq "work"].value`). */
function canonicalPath(path: string): string {
  const enterprise = /^(urn:ietf:params:scim:schemas:extension:enterprise:2\.0:user):(.*)$/i.exec(path)
  if (enterprise) return `${CANONICAL.get(enterprise[1]!.toLowerCase())}:${canonicalPath(enterprise[2]!)}`
  const core = /^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):(.*)$/i.exec(path)
  if (core) return canonicalPath(core[1]!)
  return path
    .replace(/^([A-Za-z$][\w$-]*)/, (a) => CANONICAL.get(a.toLowerCase()) ?? a)
    .replace(/\.([A-Za-z$][\w$-]*)$/, (_m, a: string) => `.${SUB_ATTRIBUTES.get(a.toLowerCase()) ?? a}`)
    .replace(/\[([A-Za-z]+)(\s)/, (_m, a: string, s: string) => `[${SUB_ATTRIBUTES.get(a.toLowerCase()) ?? a}${s}`)
}

/** The Operations of a PatchOp message (400 invalidSyntax for anything else). */
export function patchOperationsOf(body: Record<string, unknown>): unknown[] {
  const schemas = valueOf(body, 'schemas')
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP_SCHEMA)) {
    throw new ScimError(400, `Send a PatchOp message (schemas: ["${PATCH_OP_SCHEMA}"]).`, 'invalidSyntax')
  }
  const operations = valueOf(body, 'Operations')
  if (!Array.isArray(operations) || operations.length === 0)
    throw new ScimError(400, 'Send at least one operation in Operations.', 'invalidSyntax')
  if (operations.length > 1000) throw new ScimError(400, 'Send at most 1,000 operations at a time.', 'tooMany')
  return operations
}

/**
 * Operations as scim-patch takes them: `op` in lower case (Entra writes
 * `Replace`), paths spelled canonically, and a path-less value's keys that are
 * paths themselves (`name.givenName`, an extension's URN attribute: Entra
 * again) made into operations of their own.
 */
export function normaliseOperations(raw: unknown[]): ScimPatchOperation[] {
  const out: ScimPatchOperation[] = []
  for (const entry of raw) {
    if (!entry || typeof entry !== 'object')
      throw new ScimError(400, 'Each operation is an object with op, path and value.', 'invalidSyntax')
    const o = entry as Record<string, unknown>
    const op = valueOf(o, 'op')
    if (typeof op !== 'string' || !['add', 'replace', 'remove'].includes(op.toLowerCase())) {
      throw new ScimError(400, `op must be add, replace or remove (was ${JSON.stringify(op)}).`, 'invalidSyntax')
    }
    const kind = op.toLowerCase() as 'add' | 'replace' | 'remove'
    const path = valueOf(o, 'path')
    const value = valueOf(o, 'value')
    if (path !== undefined && typeof path !== 'string') throw new ScimError(400, 'path must be a string.', 'invalidPath')
    if (kind === 'remove' && !path) throw new ScimError(400, 'A remove operation needs a path.', 'noTarget')
    if (kind !== 'remove' && value === undefined) throw new ScimError(400, `An ${kind} operation needs a value.`, 'invalidSyntax')
    if (path) {
      out.push({ op: kind, path: canonicalPath(path), ...(value !== undefined ? { value } : {}) } as ScimPatchOperation)
      continue
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new ScimError(400, 'Without a path, the value must be an object of attributes.', 'invalidSyntax')
    const plain: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (!CANONICAL.has(key.toLowerCase()) && (/[.[]/.test(key) || /^urn:/i.test(key)))
        out.push({ op: kind, path: canonicalPath(key), value: v } as ScimPatchOperation)
      else plain[CANONICAL.get(key.toLowerCase()) ?? key] = v
    }
    if (Object.keys(plain).length) out.push({ op: kind, value: plain } as ScimPatchOperation)
  }
  return out
}

/** `attributes` (only these, with id and meta) and `excludedAttributes` (not these), top-level names, any case. */
export function pickAttributes<T extends Record<string, unknown>>(resource: T, search: URLSearchParams): T {
  const list = (name: string) =>
    (search.get(name) ?? '')
      .split(',')
      .map((a) => canonicalPath(a.trim()).split(/[.[]/)[0]!.toLowerCase())
      .filter(Boolean)
  const only = list('attributes')
  const except = list('excludedAttributes')
  if (!only.length && !except.length) return resource
  const always = new Set(['schemas', 'id', 'meta'])
  return Object.fromEntries(
    Object.entries(resource).filter(([k]) => {
      const key = k.toLowerCase()
      if (always.has(key)) return true
      if (only.length) return only.includes(key)
      return !except.includes(key)
    }),
  ) as T
}
