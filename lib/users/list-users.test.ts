import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { wholeWorkspace } from '@/lib/auth/scope'
import { getDb, type Db } from '@/db/client'
import { groups, profiles, savedViews, users } from '@/db/schema'
import { effectivePermissions } from '@/lib/auth/permissions'
import { loadFilterOptions } from './list-filter-options'
import { createTestWorkspace, seedPeople, softDeleteUser, type TestWorkspace } from '@/testing/fixtures'
import { hashPassword } from '@/lib/auth/passwords'
import { parseUserListParams, SORT_KEYS } from './list-params'
import { containsPattern } from '@/lib/db/like'
import { EXACT_COUNT_LIMIT, listUsers, SHORT_TERM_COUNT_LIMIT } from './list-users'
import { loadUsersListPage } from './list-users-page'

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
const ids: Record<string, string> = {}
const g: Record<string, string> = {}
const prof: Record<string, string> = {}

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'list')
  other = await createTestWorkspace(db, 'list-other')
  const people = await seedPeople(db, ws.tenantId)
  Object.assign(ids, people.ids)
  Object.assign(g, people.groups)
  Object.assign(prof, people.profiles)
  // A deleted user and another workspace's user who match every search below.
  const hash = await hashPassword('irrelevant-password')
  const [ghost] = await db
    .insert(users)
    .values({
      tenantId: ws.tenantId,
      fullName: 'Ana Ghost',
      username: 'ana.ghost',
      email: 'ana.ghost@calls.example',
      passwordHash: hash,
      role: 'Agent',
    })
    .returning()
  await softDeleteUser(db, ws.tenantId, ghost!.id)
  await db.insert(users).values({
    tenantId: other.tenantId,
    fullName: 'Ana Lima',
    username: 'ana.lima',
    email: 'ana.lima@calls.example',
    passwordHash: hash,
    role: 'Agent',
    notes: '100% queue_a',
  })
})

async function names(query: Record<string, string | string[]>) {
  const page = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams(query))
  // The workspace's own first admin is not part of these cases.
  return page.rows.filter((r) => r.id !== ws.admin.id).map((r) => r.fullName)
}

describe('listUsers: search anything', () => {
  it.each([
    ['full name fragment', 'kafo', ['Cy Okafor']],
    ['email fragment, any case', 'CALLS.EXAM', ['Ana Lima', 'Bo Chen', 'Cy Okafor', 'Di Müller', 'Ed Xu']],
    ['username', 'di_mu', ['Di Müller']],
    ['extension number', '301', ['Di Müller']],
    ['notes', 'escalation', ['Di Müller']],
    ['profile name', 'shift lea', ['Cy Okafor']],
    ['group name', 'sales te', ['Bo Chen', 'Cy Okafor']],
    ['non-ASCII', 'müll', ['Di Müller']],
    ['1 character', 'ü', ['Di Müller']],
    ['2 characters', 'xu', ['Ed Xu']],
    ['2 characters inside a word', 'af', ['Cy Okafor']],
  ])('finds by %s', async (_name, q, expected) => {
    expect(await names({ q })).toEqual(expected)
  })

  it.each([
    ['%', ['Ana Lima']],
    ['_a', ['Ana Lima']],
    ['_', ['Ana Lima', 'Di Müller']],
    ['\\', ['Di Müller']],
    ["o'brien", ['Di Müller']],
    ['100%', ['Ana Lima']],
  ])('treats %s literally', async (q, expected) => {
    expect(await names({ q })).toEqual(expected)
  })

  it('escapes LIKE metacharacters', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%')
  })

  it("finds nothing for a term no one has, and never deleted or other workspaces' users", async () => {
    expect(await names({ q: 'zzzzqq' })).toEqual([])
    expect(await names({ q: 'ghost' })).toEqual([])
    const page = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'ana' }))
    expect(page.rows.map((r) => r.id)).toEqual([ids.ana])
    expect(page.total).toEqual({ count: 1, capped: false })
  })
})

describe('listUsers: filters', () => {
  it.each([
    ['role', { role: 'Supervisor' }, ['Cy Okafor', 'Di Müller']],
    ['several roles (OR)', { role: ['Admin', 'Supervisor'] }, ['Cy Okafor', 'Di Müller', 'Ed Xu']],
    ['status', { status: 'inactive' }, ['Cy Okafor', 'Ed Xu']],
    ['extension type SIP', { type: 'SIP' }, ['Ana Lima', 'Di Müller']],
    ['extension type WebRTC', { type: 'WebRTC' }, ['Bo Chen']],
    ['role and status (AND)', { role: 'Supervisor', status: 'inactive' }, ['Cy Okafor']],
    ['role, type and search', { role: ['Agent', 'Supervisor'], type: 'SIP', q: 'a' }, ['Ana Lima', 'Di Müller']],
  ])('by %s', async (_name, query, expected) => {
    expect(await names(query as Record<string, string | string[]>)).toEqual(expected)
  })

  it('by profile and by group (several values OR, combined AND)', async () => {
    expect(await names({ profile: prof.leads! })).toEqual(['Cy Okafor'])
    expect(await names({ group: g.support! })).toEqual(['Ana Lima', 'Bo Chen'])
    expect(await names({ group: [g.support!, g.sales!] })).toEqual(['Ana Lima', 'Bo Chen', 'Cy Okafor'])
    expect(await names({ group: g.sales!, status: 'active' })).toEqual(['Bo Chen'])
    expect(await names({ group: g.sales!, profile: prof.leads! })).toEqual(['Cy Okafor'])
  })

  it("ignores another workspace's group or profile ids: they match nothing here", async () => {
    const [foreign] = await db.insert(groups).values({ tenantId: other.tenantId, name: 'Foreign' }).returning()
    expect(await names({ group: foreign!.id })).toEqual([])
  })

  it('extension type "none" lists users without an extension', async () => {
    expect(await names({ type: 'none', q: 'calls.example' })).toEqual(['Cy Okafor', 'Ed Xu'])
  })
})

describe('listUsers: Last login (dormant accounts)', () => {
  it('never, and signed in but not for more than 30, 90 or 180 days; combined with the other filters', async () => {
    const dormant = await createTestWorkspace(db, 'dormant')
    const day = 86_400_000
    const people: [string, number | null][] = [
      ['Never', null],
      ['Ten days', 10],
      ['Forty days', 40],
      ['Hundred days', 100],
      ['Two hundred days', 200],
    ]
    for (const [fullName, days] of people) {
      const username = fullName.toLowerCase().replace(/ /g, '.')
      await db.insert(users).values({
        tenantId: dormant.tenantId,
        fullName,
        username,
        email: `${username}@dormant.test`,
        lastLoginAt: days === null ? null : new Date(Date.now() - days * day),
      })
    }
    await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, dormant.admin.id))
    const of = async (query: Record<string, string>) =>
      (await listUsers(db, wholeWorkspace(dormant.tenantId), parseUserListParams(query))).rows.map((r) => r.fullName)
    expect(await of({ lastLogin: 'never' })).toEqual(['Never'])
    expect(await of({ lastLogin: '30d' })).toEqual(['Forty days', 'Hundred days', 'Two hundred days'])
    expect(await of({ lastLogin: '90d' })).toEqual(['Hundred days', 'Two hundred days'])
    expect(await of({ lastLogin: '180d' })).toEqual(['Two hundred days'])
    expect(await of({ lastLogin: '90d', q: 'hundred' })).toEqual(['Hundred days', 'Two hundred days'])
    expect(await of({ lastLogin: '90d', q: 'two hundred', status: 'inactive' })).toEqual([])
  })
})

describe('listUsers: Department', () => {
  it('filters by exact department names (commas and all), and offers each department once, by name', async () => {
    const team = await createTestWorkspace(db, 'dept')
    for (const [i, department] of ['Sales, EMEA', 'Billing', 'Sales, EMEA', '', 'Billing', 'Support'].entries()) {
      await db
        .insert(users)
        .values({ tenantId: team.tenantId, fullName: `Person ${i}`, username: `person.${i}`, email: `p${i}@dept.test`, department })
    }
    expect((await loadFilterOptions(db, wholeWorkspace(team.tenantId))).departments).toEqual(['Billing', 'Sales, EMEA', 'Support'])
    expect((await loadFilterOptions(db, wholeWorkspace(other.tenantId))).departments).toEqual([])
    // The filters' options in one statement: the same departments, profiles by role then name, groups by name.
    await db.insert(groups).values([
      { tenantId: team.tenantId, name: 'Zulu' },
      { tenantId: team.tenantId, name: 'Alpha' },
    ])
    await db.insert(profiles).values([
      { tenantId: team.tenantId, role: 'Agent', name: 'B agents' },
      { tenantId: team.tenantId, role: 'Admin', name: 'Z admins' },
      { tenantId: team.tenantId, role: 'Agent', name: 'A agents' },
    ])
    const options = await loadFilterOptions(db, wholeWorkspace(team.tenantId))
    expect(options.departments).toEqual(['Billing', 'Sales, EMEA', 'Support'])
    expect(options.groups.map((g) => g.name)).toEqual(['Alpha', 'Zulu'])
    expect(options.groups[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Alpha' })
    expect(options.profiles.map((p) => `${p.role}: ${p.name}`)).toEqual(['Admin: Z admins', 'Agent: A agents', 'Agent: B agents'])
    // Another workspace's options hold none of these (other tests of this file give it groups of its own).
    const theirs = await loadFilterOptions(db, wholeWorkspace(other.tenantId))
    expect(theirs.departments).toEqual([])
    expect(theirs.groups.map((g) => g.name)).not.toContain('Alpha')
    expect(theirs.profiles.map((p) => p.name)).not.toContain('A agents')
    const of = async (raw: URLSearchParams) =>
      (await listUsers(db, wholeWorkspace(team.tenantId), parseUserListParams(raw))).rows.map((r) => r.fullName)
    expect(await of(new URLSearchParams([['department', 'Sales, EMEA']]))).toEqual(['Person 0', 'Person 2'])
    expect(
      await of(
        new URLSearchParams([
          ['department', 'Billing'],
          ['department', 'Support'],
        ]),
      ),
    ).toEqual(['Person 1', 'Person 4', 'Person 5'])
    expect(await of(new URLSearchParams([['department', 'Nobody']]))).toEqual([])
  })
})

describe('listUsers: sort, pages and count', () => {
  it.each(SORT_KEYS.map((k) => [k]))('sorts by %s both ways with a stable order', async (key) => {
    const asc = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ sort: key, q: 'calls.example' }))
    const desc = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ sort: `-${key}`, q: 'calls.example' }))
    expect(asc.rows).toHaveLength(5)
    expect(new Set(asc.rows.map((r) => r.id))).toEqual(new Set(desc.rows.map((r) => r.id)))
    const again = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ sort: key, q: 'calls.example' }))
    expect(again.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id))
  })

  it('orders by the chosen column, empty values last', async () => {
    // Cy and Ed never signed in: that sorts as the oldest sign-in (ties in id order).
    const recent = await names({ sort: '-last_login', q: 'calls.example' })
    expect(recent.slice(0, 3)).toEqual(['Bo Chen', 'Di Müller', 'Ana Lima'])
    expect(new Set(recent.slice(3))).toEqual(new Set(['Cy Okafor', 'Ed Xu']))
    const oldest = await names({ sort: 'last_login', q: 'calls.example' })
    expect(new Set(oldest.slice(0, 2))).toEqual(new Set(['Cy Okafor', 'Ed Xu']))
    expect(oldest.slice(2)).toEqual(['Ana Lima', 'Di Müller', 'Bo Chen'])
    expect(await names({ sort: 'role', q: 'calls.example' })).toEqual(expect.arrayContaining(['Ed Xu']))
    expect((await names({ sort: 'role', q: 'calls.example' }))[0]).toBe('Ed Xu')
    expect(await names({ sort: '-name', q: 'calls.example' })).toEqual(['Ed Xu', 'Di Müller', 'Cy Okafor', 'Bo Chen', 'Ana Lima'])
  })

  it('returns the groups, extension and profile of each row', async () => {
    const page = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'bo.chen' }))
    expect(page.rows[0]).toMatchObject({
      extensionNumber: '202',
      extensionType: 'WebRTC',
      groups: [{ name: 'Sales Team' }, { name: 'Support Desk' }],
    })
  })

  it('a search past its last match still says how many match', async () => {
    const beyond = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'calls.example', page: '3', size: '25' }))
    expect(beyond).toEqual({ rows: [], total: { count: 5, capped: false } })
    expect(await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'no-such-person' }))).toEqual({
      rows: [],
      total: { count: 0, capped: false },
    })
  })

  it('pages through the list with the same total', async () => {
    const first = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'calls.example', size: '25' }))
    expect(first.total).toEqual({ count: 5, capped: false })
    const beyond = await listUsers(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'calls.example', page: '2' }))
    expect(beyond.rows).toEqual([])
    expect(beyond.total.count).toBe(5)
  })

  it(`counts exactly up to ${EXACT_COUNT_LIMIT} and says "more" past it`, async () => {
    const big = await createTestWorkspace(db, 'list-big')
    await db.execute(sql`
      INSERT INTO users (tenant_id, full_name, email, username, password_hash)
      SELECT ${big.tenantId}::uuid, 'Bulk ' || i, 'bulk' || i || '@example.test', 'bulk' || i, 'x'
      FROM generate_series(1, ${EXACT_COUNT_LIMIT + 5}) AS i`)
    const page = await listUsers(db, wholeWorkspace(big.tenantId), parseUserListParams({ page: '300', size: '25' }))
    expect(page.total).toEqual({ count: EXACT_COUNT_LIMIT, capped: true })
    expect(page.rows).toHaveLength(25)
    // A 1–2 character term counts less far.
    const short = await listUsers(db, wholeWorkspace(big.tenantId), parseUserListParams({ q: 'bu' }))
    expect(short.total).toEqual({ count: SHORT_TERM_COUNT_LIMIT, capped: true })
    // A search past the limit: its page is the first by name among every match, not among those it counted.
    const many = await listUsers(db, wholeWorkspace(big.tenantId), parseUserListParams({ q: 'bulk' }))
    expect(many.total).toEqual({ count: EXACT_COUNT_LIMIT, capped: true })
    expect(many.rows.slice(0, 10).map((r) => r.fullName)).toEqual([
      'Bulk 1',
      'Bulk 10',
      'Bulk 100',
      'Bulk 1000',
      'Bulk 10000',
      'Bulk 10001',
      'Bulk 10002',
      'Bulk 10003',
      'Bulk 10004',
      'Bulk 10005',
    ])
    expect((await listUsers(db, wholeWorkspace(big.tenantId), parseUserListParams({ q: 'bulk1234' }))).total).toEqual({
      count: 1,
      capped: false,
    })
    // The page's one statement of facts caps its count the same way.
    expect(
      (
        await loadUsersListPage(
          db,
          { ...wholeWorkspace(big.tenantId), permissions: effectivePermissions('Admin', null) },
          parseUserListParams({ q: 'bulk' }),
        )
      ).page.total,
    ).toEqual(many.total)
    await db.delete(users).where(and(eq(users.tenantId, big.tenantId), sql`${users.username} LIKE 'bulk%'`))
  })
})

describe('loadUsersListPage: the rows, and the count, options and saved views in one statement', () => {
  it('answers as the separate reads do, with this workspace’s options and views only', async () => {
    const viewer = { ...wholeWorkspace(ws.tenantId), userId: ws.admin.id, permissions: effectivePermissions('Admin', null) }
    await db.insert(savedViews).values([
      { tenantId: ws.tenantId, ownerId: ws.admin.id, name: 'Support only', query: `q=calls.example&group=${g.support}` },
      { tenantId: other.tenantId, ownerId: other.admin.id, name: 'Theirs', query: '', shared: true },
    ])
    for (const query of [{ q: 'calls.example' }, { q: 'cy', sort: '-name' }, { group: g.sales }, { q: 'no-such-person' }]) {
      const params = parseUserListParams(query)
      const loaded = await loadUsersListPage(db, viewer, params)
      expect(loaded.page).toEqual(await listUsers(db, viewer, params))
      expect(loaded.options).toEqual(await loadFilterOptions(db, viewer))
      expect(loaded.views).toEqual([
        {
          id: expect.any(String),
          name: 'Support only',
          shared: false,
          mayManage: true,
          query: `q=calls.example&group=${g.support}`,
          dropped: null,
        },
      ])
    }
    const theirs = await loadUsersListPage(
      db,
      { ...wholeWorkspace(other.tenantId), userId: other.admin.id, permissions: viewer.permissions },
      parseUserListParams({ q: 'calls.example' }),
    )
    expect(theirs.views.map((v) => v.name)).toEqual(['Theirs'])
    expect(theirs.page.rows.filter((r) => Object.values(ids).includes(r.id))).toEqual([])
    expect(theirs.options.groups.map((x) => x.id)).not.toContain(g.support)
  })
})
