import { EXTENSION_TYPES, ROLES, USER_STATUSES } from '@/db/enums'
import { searchTerm } from '@/lib/validation/text-rules'

/**
 * The users list's state, as it lives in the URL:
 * `?q=&role=&profile=&group=&department=&status=&signedIn=&type=&lastLogin=&import=&sort=&page=&size=`.
 * Anything unknown or out of range falls back to the default, never an error:
 * a hand-edited or stale link still shows a list.
 */
export const ROLE_VALUES = ROLES
export const STATUS_VALUES = USER_STATUSES
export const TYPE_VALUES = [...EXTENSION_TYPES, 'none'] as const
/** The Last login filter: never signed in, or signed in but not for more than N days (dormant accounts). */
export const LAST_LOGIN_VALUES = ['never', '30d', '90d', '180d'] as const
export const LAST_LOGIN_LABELS: Record<(typeof LAST_LOGIN_VALUES)[number], string> = {
  never: 'Never',
  '30d': 'More than 30 days ago',
  '90d': 'More than 90 days ago',
  '180d': 'More than 180 days ago',
}
/** The Signed in filter: a live dashboard session now (what force login and the PBX's eligibility read), or none. */
export const SIGNED_IN_VALUES = ['now', 'not'] as const
export const PAGE_SIZES = [25, 50, 100] as const
/** The users' own scalar columns: each has an index, so sorting never reads the whole workspace. */
export const SORT_KEYS = ['name', 'username', 'email', 'role', 'status', 'force_login', 'last_login', 'created'] as const
export const MAX_PAGE = 100_000

export type SortKey = (typeof SORT_KEYS)[number]
export type PageSize = (typeof PAGE_SIZES)[number]

export interface UserListParams {
  q: string
  role: (typeof ROLE_VALUES)[number][]
  profile: string[]
  group: string[]
  /** Exact department names (free text: a name may hold a comma, so these are never split). */
  department: string[]
  status: (typeof STATUS_VALUES)[number] | null
  type: (typeof TYPE_VALUES)[number] | null
  lastLogin: (typeof LAST_LOGIN_VALUES)[number] | null
  signedIn: (typeof SIGNED_IN_VALUES)[number] | null
  /** The users an import created or changed (its job id): the import result's "Show the users of this import". */
  import: string | null
  sort: { key: SortKey; desc: boolean }
  page: number
  size: PageSize
}

export const DEFAULT_SORT = { key: 'name', desc: false } as const satisfies UserListParams['sort']

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams

function all(raw: RawParams, key: string): string[] {
  const values = raw instanceof URLSearchParams ? raw.getAll(key) : [raw[key] ?? []].flat()
  // Repeated keys (`role=A&role=B`, what a GET form sends) and comma lists (hand-written links) both work.
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
}

const first = (raw: RawParams, key: string) => all(raw, key)[0] ?? ''
// A plain pattern, not zod: this module runs in the browser too (the list's URLs), and zod would add 30 KB there.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const oneOf = <T extends string>(values: readonly T[], value: string): T | null => (values.includes(value as T) ? (value as T) : null)
const unique = <T>(values: T[]) => [...new Set(values)]

function integer(value: string, fallback: number, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value)) return fallback
  const n = Number(value)
  return n >= min && n <= max ? n : fallback
}

export function parseUserListParams(raw: RawParams): UserListParams {
  const sortRaw = first(raw, 'sort')
  const desc = sortRaw.startsWith('-')
  const sortKey = oneOf(SORT_KEYS, desc ? sortRaw.slice(1) : sortRaw)
  const size = integer(first(raw, 'size'), 25, 1, 100)
  return {
    // NUL can't be stored or searched in PostgreSQL text; control characters never match anything useful.
    q: searchTerm(first(raw, 'q')),
    role: unique(
      all(raw, 'role')
        .map((v) => oneOf(ROLE_VALUES, v))
        .filter((v) => v !== null),
    ),
    profile: unique(all(raw, 'profile').filter((v) => UUID.test(v))).slice(0, 50),
    group: unique(all(raw, 'group').filter((v) => UUID.test(v))).slice(0, 50),
    department: unique(
      (raw instanceof URLSearchParams ? raw.getAll('department') : [raw.department ?? []].flat()).map((v) => searchTerm(v)).filter(Boolean),
    ).slice(0, 50),
    status: oneOf(STATUS_VALUES, first(raw, 'status')),
    type: oneOf(TYPE_VALUES, first(raw, 'type')),
    lastLogin: oneOf(LAST_LOGIN_VALUES, first(raw, 'lastLogin')),
    signedIn: oneOf(SIGNED_IN_VALUES, first(raw, 'signedIn')),
    import: UUID.test(first(raw, 'import')) ? first(raw, 'import').toLowerCase() : null,
    sort: sortKey ? { key: sortKey, desc } : DEFAULT_SORT,
    page: integer(first(raw, 'page'), 1, 1, MAX_PAGE),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : 25,
  }
}

/**
 * The list view a page was asked from (`?back=` of a user's actions or delete
 * page, or that form's field): its parameters, the plain list when it says
 * nothing usable.
 */
export function listViewOf(back: unknown): UserListParams {
  return parseUserListParams(new URLSearchParams(typeof back === 'string' ? back : ''))
}

/** The URL parameters for `params` with `changes` applied; defaults are left out so links stay short. */
export function userListQuery(params: UserListParams, changes: Partial<UserListParams> = {}): URLSearchParams {
  const p = { ...params, ...changes }
  const out = new URLSearchParams()
  if (p.q) out.set('q', p.q)
  for (const r of p.role) out.append('role', r)
  for (const id of p.profile) out.append('profile', id)
  for (const id of p.group) out.append('group', id)
  for (const name of p.department) out.append('department', name)
  if (p.status) out.set('status', p.status)
  if (p.type) out.set('type', p.type)
  if (p.lastLogin) out.set('lastLogin', p.lastLogin)
  if (p.signedIn) out.set('signedIn', p.signedIn)
  if (p.import) out.set('import', p.import)
  if (p.sort.key !== DEFAULT_SORT.key || p.sort.desc !== DEFAULT_SORT.desc) out.set('sort', `${p.sort.desc ? '-' : ''}${p.sort.key}`)
  if (p.page !== 1) out.set('page', String(p.page))
  if (p.size !== 25) out.set('size', String(p.size))
  return out
}

/** The link to `path` (the users list by default) for `params` with `changes` applied. */
export function userListHref(params: UserListParams, changes: Partial<UserListParams> = {}, path = '/users'): string {
  const qs = userListQuery(params, changes).toString()
  return qs ? `${path}?${qs}` : path
}

/** The changes that clear every filter (search included); sort and page size stay. */
export const NO_FILTERS = {
  q: '',
  role: [],
  profile: [],
  group: [],
  department: [],
  status: null,
  type: null,
  lastLogin: null,
  signedIn: null,
  import: null,
} as const satisfies Partial<UserListParams>

export function hasFilters(p: UserListParams): boolean {
  return !!(
    p.q ||
    p.role.length ||
    p.profile.length ||
    p.group.length ||
    p.department.length ||
    p.status ||
    p.type ||
    p.lastLogin ||
    p.signedIn ||
    p.import
  )
}
