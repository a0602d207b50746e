/**
 * Hostile input to every API route and to every lib call a server action
 * makes: NUL, lone surrogates, bidi overrides, 1 MB strings, arrays and
 * objects where strings belong, huge and negative numbers. Whatever arrives,
 * the answer is a 4xx (or a refusal), never a 5xx or a thrown error. The e2e
 * suite sends the same to the production build's server actions over HTTP.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-tokens'
import { apiTokenOf, callApi } from '@/testing/api'
import { effectivePermissions } from '@/lib/auth/permissions'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { keyringFrom } from '@/lib/crypto/keyring'
import {
  createExtension,
  createExtensionRange,
  deleteExtension,
  revealSipPassword,
  updateExtension,
} from '@/lib/extensions/manage-extensions'
import { listExtensions } from '@/lib/extensions/list-extensions'
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from '@/lib/groups/manage-groups'
import { createProfile, deleteProfile, updateProfile } from '@/lib/profiles/manage-profiles'
import { listAudit } from '@/lib/audit/list-audit'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { bulkEditUsers } from '@/lib/users/manage-users-bulk-edit'
import { bulkEditSetFromForm } from '@/lib/users/bulk-edit-input'
import { deleteView, renameView, saveView } from '@/lib/users/manage-saved-views'
import { signOutSessions } from '@/lib/sessions/manage-sessions'
import { changeOwnPassword } from '@/lib/users/manage-own-password'
import { restoreUser } from '@/lib/users/manage-deleted-users'
import { createUser, updateUser } from '@/lib/users/manage-users'

import { FIELDS } from '@/testing/hostile-input'

process.env.API_RATE_LIMIT_PER_MINUTE = '1000000'

const MEGABYTE = 'x'.repeat(1_000_000)
/** Values that have each given a 500 somewhere, or could. */
const HOSTILE: unknown[] = [
  'a\u0000b',
  'a\uD800b',
  '\uDFFF',
  'admin\u202Egnp',
  'line\u0007bell',
  MEGABYTE,
  ['an', 'array'],
  { an: 'object' },
  1e308,
  -1,
  2 ** 53 + 1,
  null,
  true,
  '',
  '../../etc/passwd',
  "'; DROP TABLE users;--",
]
/** encodeURIComponent, with a lone surrogate sent as the bytes a client could send (WTF-8), not thrown on. */
const encode = (s: string) => [...s].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('')
/** One field at a time gets the values that differ in kind (the rest only add time). */
const PER_FIELD: unknown[] = ['a\u0000b', 'a\uD800b', MEGABYTE, ['an', 'array'], { an: 'object' }, 1e308, null]
const label = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v) : JSON.stringify(v)

let db: Db
let ws: TestWorkspace
let token: string
const ring = keyringFrom(Buffer.alloc(32, 7).toString('base64'))
let actor: {
  userId: string
  id: string
  tenantId: string
  username: string
  label: string
  permissions: ReturnType<typeof effectivePermissions>
}

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'fuzz')
  token = await apiTokenOf(db, ws, ws.admin.id)
  actor = {
    userId: ws.admin.id,
    id: ws.admin.id,
    tenantId: ws.tenantId,
    username: ws.admin.username,
    label: ws.admin.username,
    permissions: effectivePermissions('Admin', null),
  }
})

type Module = Record<string, unknown>
const routes = import.meta.glob<Module>('./**/route.ts', { eager: true })

/** `/api/v1/users/[id]/restore` and its dynamic segments' names, from the route file's path. */
function routeOf(file: string) {
  const dir = file.replace(/^\.\//, '').replace(/\/route\.ts$/, '')
  const segments = dir.split('/')
  return {
    path: (values: Record<string, string>) =>
      '/api/v1/' + segments.map((s) => (s.startsWith('[') ? encode(values[s.slice(1, -1)]!) : s)).join('/'),
    params: segments.filter((s) => s.startsWith('[')).map((s) => s.slice(1, -1)),
  }
}

describe('every API route, hostile input: never a 5xx', () => {
  const cases = Object.entries(routes).flatMap(([file, mod]) =>
    ['GET', 'POST', 'PATCH', 'DELETE', 'PUT']
      .filter((m) => typeof mod[m] === 'function')
      .map((method) => ({ file, method, handler: mod[method] })),
  )
  it('found the routes', () => expect(cases.length).toBeGreaterThanOrEqual(15))

  for (const { file, method, handler } of cases) {
    it(`${method} ${file}`, async () => {
      const route = routeOf(file)
      const target = await createTestUser(db, ws.tenantId)
      const failures: string[] = []
      const call = async (what: string, params: Record<string, string>, body?: unknown, query = '', rawBody?: string) => {
        const answer = await callApi(handler, method, route.path(params) + query, { token, body, params, rawBody })
        if (answer.status >= 500) failures.push(`${what} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`)
      }
      const valid = Object.fromEntries(route.params.map((p) => [p, target.id]))
      for (const value of HOSTILE) {
        const text = typeof value === 'string' ? value : JSON.stringify(value)
        // In the path (every dynamic segment), in the query, in every field of the body at once, and one field at a time.
        if (route.params.length) await call(`params=${label(value)}`, Object.fromEntries(route.params.map((p) => [p, text.slice(0, 2000)])))
        if (method === 'GET') {
          for (const key of ['q', 'role', 'status', 'page', 'size', 'sort', 'user', 'group', 'profile', 'type', 'department', 'lastLogin'])
            await call(`?${key}=${label(value)}`, valid, undefined, `?${key}=${encode(text.slice(0, 5000))}`)
        } else {
          // All fields at once (a 1 MB string in one field is enough: 27 of them only cost time).
          if (value !== MEGABYTE) await call(`all fields ${label(value)}`, valid, Object.fromEntries(FIELDS.map((f) => [f, value])))
          if (PER_FIELD.includes(value))
            for (const field of FIELDS) await call(`${field}=${label(value)}`, valid, { [field]: value, version: 1 })
          await call(`body ${label(value)}`, valid, undefined, '', JSON.stringify(value))
        }
      }
      if (method !== 'GET') await call('broken JSON', valid, undefined, '', '{"fullName": "a')
      expect(failures).toEqual([])
    }, 120_000)
  }
})

describe('every lib call behind a server action, hostile input: a refusal, never a throw', () => {
  const form = (value: unknown) => Object.fromEntries(FIELDS.map((f) => [f, value]))
  const calls: Record<string, (value: unknown) => Promise<unknown>> = {
    createUser: (v) => createUser(db, actor, { ...form(v), password: typeof v === 'string' ? v : '' }),
    updateUser: async (v) =>
      updateUser(db, actor, {
        ...form(v),
        id: (await createTestUser(db, ws.tenantId)).id,
        version: v,
        password: typeof v === 'string' ? v : null,
      }),
    'updateUser (id)': (v) => updateUser(db, actor, { ...form('x'), id: v as string, version: 1 }),
    bulk: (v) => runBulkAction(db, actor, { action: v, ids: v }),
    'bulk (ids)': (v) => runBulkAction(db, actor, { action: 'deactivate', ids: [v] }),
    bulkEdit: (v) => bulkEditUsers(db, actor, { ids: v, filter: v, query: v, expected: v, set: v, dryRun: v }),
    'bulkEdit (set)': async (v) => bulkEditUsers(db, actor, { ids: [(await createTestUser(db, ws.tenantId)).id], set: form(v) }),
    'bulkEdit (filter)': (v) => bulkEditUsers(db, actor, { filter: form(v), set: { department: 'x' } }),
    'bulkEdit (form)': async (v) => {
      const data = new FormData()
      for (const f of FIELDS) data.append(f, typeof v === 'string' ? v : JSON.stringify(v))
      return bulkEditUsers(db, actor, { query: typeof v === 'string' ? v : '', expected: 1, set: bulkEditSetFromForm(data).set })
    },
    signOut: (v) => signOutSessions(db, actor, { userId: v, sessionId: v }),
    'signOut (session)': (v) => signOutSessions(db, actor, { userId: ws.admin.id, sessionId: v }),
    saveView: (v) => saveView(db, actor, { name: v, query: v, shared: v }),
    renameView: (v) => renameView(db, actor, { id: v, name: v }),
    deleteView: (v) => deleteView(db, actor, { id: v }),
    restore: (v) => restoreUser(db, actor, { id: v }),
    createToken: (v) => createApiToken(db, actor, { ownerId: ws.admin.id, name: v, expiresOn: v }),
    'createToken (owner)': (v) => createApiToken(db, actor, { ownerId: v as string, name: 'x' }),
    revokeToken: (v) => revokeApiToken(db, actor, { ownerId: v as string, tokenId: v }),
    changeOwnPassword: (v) =>
      changeOwnPassword(db, { ...actor, sessionId: '00000000-0000-0000-0000-000000000000' }, { currentPassword: v, newPassword: v }),
    createExtension: (v) => createExtension(db, actor, form(v), ring),
    updateExtension: (v) => updateExtension(db, actor, { ...form(v), id: v as string, version: v, sipPassword: v }, ring),
    deleteExtension: (v) => deleteExtension(db, actor, { id: v as string }),
    revealSip: (v) => revealSipPassword(db, actor, { id: v as string }, ring),
    range: (v) => createExtensionRange(db, actor, { from: v, to: v, type: v }, ring),
    createProfile: (v) => createProfile(db, actor, { name: v, description: v, role: v, permissions: v }),
    updateProfile: (v) => updateProfile(db, actor, { ...{ name: v, description: v, role: 'Agent', permissions: [v] }, id: v }),
    deleteProfile: (v) => deleteProfile(db, actor, { id: v, reassign: true }),
    createGroup: (v) => createGroup(db, actor, { name: v }),
    renameGroup: (v) => renameGroup(db, actor, { id: v, name: v }),
    deleteGroup: (v) => deleteGroup(db, actor, { id: v }),
    addMember: (v) => addGroupMember(db, actor, { groupId: v, username: v }),
    removeMember: (v) => removeGroupMember(db, actor, { groupId: v, userId: v }),
    signIn: (v) => verifyCredentials(db, { workspace: v, identifier: v, password: v }, { ip: null, userAgent: 'fuzz' }),
    listExtensions: (v) => listExtensions(db, ws.tenantId, { q: typeof v === 'string' ? v : '', page: 1 }),
    auditLog: (v) => listAudit(db, ws.tenantId, { username: typeof v === 'string' ? v.slice(0, 64) : '', page: 1 }),
  }
  for (const [name, run] of Object.entries(calls)) {
    it(
      name,
      async () => {
        const threw: string[] = []
        for (const value of HOSTILE) {
          try {
            await run(value)
          } catch (error) {
            threw.push(`${label(value)}: ${(error as Error).message.slice(0, 200)}`)
          }
        }
        expect(threw).toEqual([])
      },
      60_000,
    )
  }
})
