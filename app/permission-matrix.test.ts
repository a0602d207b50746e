/**
 * Who may do what, for every server action and API route in app/: each one's
 * rule lives in lib/ (the action authenticates, then calls it), so the matrix
 * runs those functions as each persona against a fresh target and checks the
 * outcome, and that a refusal changed nothing. The lists of actions and routes
 * are read from the code: a new one fails this test until it is added here.
 * (Signed-out callers are refused before lib/ is reached: requireUser redirects
 * them, and the API answers 401; e2e/permissions covers that over HTTP.)
 */
import fs from 'node:fs'
import { wholeWorkspace } from '@/lib/auth/scope'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import {
  apiTokens,
  auditEntries,
  extensions,
  groupManagers,
  groups,
  importJobs,
  mailOutbox,
  profiles,
  savedViews,
  tenants,
  userGroups,
  userLinks,
  users,
} from '@/db/schema'
import { createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-tokens'
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token'
import { effectivePermissions } from '@/lib/auth/permissions'
import { keyringFrom } from '@/lib/crypto/keyring'
import {
  createExtension,
  createExtensionRange,
  deleteExtension,
  revealSipPassword,
  updateExtension,
} from '@/lib/extensions/manage-extensions'
import { exportUsers } from '@/lib/exports/export-users'
import { userActivityCsv } from '@/lib/reports/report-csv'
import { reportRange } from '@/lib/reports/user-activity'
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from '@/lib/groups/manage-groups'
import { addGroupManager, removeGroupManager } from '@/lib/groups/manage-group-managers'
import { createProfile, deleteProfile, updateProfile } from '@/lib/profiles/manage-profiles'
import { runBulkActionOnMatching } from '@/lib/users/manage-users-matching'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { parseUserListParams } from '@/lib/users/list-params'
import { restoreUser } from '@/lib/users/manage-deleted-users'
import { createUser, updateUser } from '@/lib/users/manage-users'
import { callApi } from '@/testing/api'
import { routeHandlers } from '@/testing/route-handlers'
import { directorySecretOf, regenerateDirectorySecret } from '@/lib/directory/directory'
import { appKeyring } from '@/lib/crypto/sip-secret'
import { workspaceSettingsOf } from '@/lib/workspace-settings/list-workspace-settings'
import { updateWorkspaceSettings } from '@/lib/workspace-settings/manage-workspace-settings'
import { DELETE as deleteExtensionRoute, GET as getExtensionRoute, PATCH as patchExtensionRoute } from './api/v1/extensions/[id]/route'
import { GET as eligibilityRoute } from './api/v1/extensions/[id]/eligibility/route'
import { POST as revealSipRoute } from './api/v1/extensions/[id]/sip-password/route'
import { GET as listExtensionsRoute, POST as postExtensionRoute } from './api/v1/extensions/route'
import { DELETE as removeMemberRoute } from './api/v1/groups/[id]/members/[userId]/route'
import { POST as addManagerRoute } from './api/v1/groups/[id]/managers/route'
import { DELETE as removeManagerRoute } from './api/v1/groups/[id]/managers/[userId]/route'
import { POST as addMemberRoute } from './api/v1/groups/[id]/members/route'
import { GET as listGroupsRoute, POST as postGroupRoute } from './api/v1/groups/route'
import { DELETE as deleteUserRoute, GET as getUserRoute, PATCH as patchUserRoute } from './api/v1/users/[id]/route'
import { POST as restoreUserRoute } from './api/v1/users/[id]/restore/route'
import { POST as importUsersRoute } from './api/v1/users/import/route'
import { POST as bulkRoute } from './api/v1/users/bulk/route'
import { GET as listSessionsRoute } from './api/v1/sessions/route'
import { DELETE as endSessionRoute } from './api/v1/sessions/[id]/route'
import { DELETE as endUserSessionsRoute } from './api/v1/users/[id]/sessions/route'
import { openDashboardSession } from '@/lib/auth/session-user'
import { listLiveSessions } from '@/lib/sessions/list-sessions'
import { signOutSessions } from '@/lib/sessions/manage-sessions'
import { watchSignedInBoard } from '@/lib/sessions/session-events'
import { bulkEditUsers } from '@/lib/users/manage-users-bulk-edit'
import { deleteView, renameView, saveView } from '@/lib/users/manage-saved-views'
import { createImportJob, failedRowsCsv, queueImport, runImportJobs } from '@/lib/imports/import-jobs'
import { extensionImportProcessor } from '@/lib/extensions/import-extensions'
import { userImportProcessor } from '@/lib/users/import-users-apply'
import { getDbHandle } from '@/db/client'
import { GET as listUsersRoute, POST as postUserRoute } from './api/v1/users/route'
import { sendInvitation, sendPasswordReset } from '@/lib/users/invitations'
import { sendInvitationsInBulk } from '@/lib/users/invitations-bulk'
import { resetTwoFactor } from '@/lib/users/reset-two-factor'
import { confirmTotp, totpSetupSecret, twoFactorPolicyOf, twoFactorStatus } from '@/lib/auth/two-factor'
import { totpCode } from '@/lib/auth/totp'
import { updateSecuritySettings } from '@/lib/workspace-settings/manage-security-settings'
import { sendTestMail } from '@/lib/mail/send-test-mail'
import { scimTokens, ssoConnections, ssoSignIns } from '@/db/schema'
import { removeSso, saveSsoSettings } from '@/lib/sso/manage-sso-settings'
import { ssoRedirectUrl } from '@/lib/sso/list-sso-settings'
import { startTestSignIn } from '@/lib/sso/sso-sign-in'
import { authenticateScimToken, generateScimToken, revokeScimToken, updateScimSettings } from '@/lib/scim/scim-tokens'
import { startOidcProvider, type TestOidcProvider } from '@/testing/oidc-provider'
import { scimClient, scimTokenOf } from '@/testing/scim'
import { webhookDeliveries, webhooks } from '@/db/schema'
import {
  createWebhook,
  deleteWebhook,
  redeliver,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
} from '@/lib/webhooks/manage-webhooks'
import { GET as listWebhooksRoute, POST as postWebhookRoute } from './api/v1/webhooks/route'
import { DELETE as deleteWebhookRoute, GET as getWebhookRoute, PATCH as patchWebhookRoute } from './api/v1/webhooks/[id]/route'

type Persona = 'admin' | 'narrowedAdmin' | 'supervisor' | 'narrowedSupervisor' | 'agent' | 'otherAdmin' | 'scopedSupervisor' | 'scopedAdmin'
const PERSONAS: Persona[] = [
  'admin',
  'narrowedAdmin',
  'supervisor',
  'narrowedSupervisor',
  'agent',
  'otherAdmin',
  'scopedSupervisor',
  'scopedAdmin',
]
/**
 * Issue 22: a Supervisor and an Admin whose profiles are scoped to the groups they
 * manage, both managers of group A. `target()` is in no group: outside their
 * scope, so every row on it refuses them; the `(in group A)` rows act on A's members.
 */
const SCOPED_SUPERVISOR = ['users.read', 'reports.read', 'users.export']
const SCOPED_ADMIN = [
  'users.read',
  'users.create',
  'users.update',
  'users.delete',
  'users.password',
  'users.tokens',
  'reports.read',
  'users.export',
]
let groupA: string
/** A profile that narrows a supervisor to reports only (no users.read). */
const NARROWED = ['reports.read']
/**
 * An Admin narrowed to managing users and settings: no delete, extensions,
 * reports or exports. Everything they may do must stay within these rights.
 */
const NARROWED_ADMIN = ['settings.manage', 'users.create', 'users.password', 'users.read', 'users.tokens', 'users.update']
let narrowedAdminProfile: string

let db: Db
let ws: TestWorkspace
let other: TestWorkspace
const people: Record<
  Persona,
  { id: string; username: string; tenantId: string; role: 'Admin' | 'Supervisor' | 'Agent'; profile?: string[]; scoped?: true }
> = {} as never

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'matrix')
  other = await createTestWorkspace(db, 'matrix-other')
  const supervisor = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
  const agent = await createTestUser(db, ws.tenantId, { role: 'Agent' })
  const reportsOnly = await createProfile(db, caller('bootstrap'), { name: 'Reports only', role: 'Supervisor', permissions: NARROWED })
  if (!reportsOnly.ok) throw new Error('profile')
  const narrowed = await createTestUser(db, ws.tenantId, { role: 'Supervisor', profileId: reportsOnly.id })
  const usersAndSettings = await createProfile(db, caller('bootstrap'), {
    name: 'Users and settings',
    role: 'Admin',
    permissions: NARROWED_ADMIN,
  })
  if (!usersAndSettings.ok) throw new Error('profile')
  narrowedAdminProfile = usersAndSettings.id
  const narrowedAdmin = await createTestUser(db, ws.tenantId, { role: 'Admin', profileId: usersAndSettings.id })
  people.narrowedAdmin = {
    id: narrowedAdmin.id,
    username: narrowedAdmin.username,
    tenantId: ws.tenantId,
    role: 'Admin',
    profile: NARROWED_ADMIN,
  }
  people.admin = { id: ws.admin.id, username: ws.admin.username, tenantId: ws.tenantId, role: 'Admin' }
  people.supervisor = { id: supervisor.id, username: supervisor.username, tenantId: ws.tenantId, role: 'Supervisor' }
  people.agent = { id: agent.id, username: agent.username, tenantId: ws.tenantId, role: 'Agent' }
  people.narrowedSupervisor = { id: narrowed.id, username: narrowed.username, tenantId: ws.tenantId, role: 'Supervisor', profile: NARROWED }
  people.otherAdmin = { id: other.admin.id, username: other.admin.username, tenantId: other.tenantId, role: 'Admin' }
  const a = await createGroup(db, caller('bootstrap'), { name: 'Group A' })
  if (!a.ok) throw new Error('group')
  groupA = a.id
  for (const [persona, role, permissions] of [
    ['scopedSupervisor', 'Supervisor', SCOPED_SUPERVISOR],
    ['scopedAdmin', 'Admin', SCOPED_ADMIN],
  ] as const) {
    const profile = await createProfile(db, caller('bootstrap'), { name: `${persona} profile`, role, permissions, scope: 'managed_groups' })
    if (!profile.ok) throw new Error('profile')
    const user = await createTestUser(db, ws.tenantId, { role, profileId: profile.id })
    const managed = await addGroupManager(db, caller('bootstrap'), { groupId: groupA, username: user.username })
    if (!managed.ok) throw new Error('manager')
    people[persona] = { id: user.id, username: user.username, tenantId: ws.tenantId, role, profile: [...permissions], scoped: true }
  }
})

const caller = (p: Persona | 'bootstrap') => {
  const who =
    p === 'bootstrap'
      ? { id: ws.admin.id, username: ws.admin.username, tenantId: ws.tenantId, role: 'Admin' as const, profile: undefined }
      : people[p]
  return {
    id: who.id,
    userId: who.id,
    tenantId: who.tenantId,
    username: who.username,
    label: who.username,
    permissions: effectivePermissions(who.role, who.profile ?? null),
    ...('scoped' in who && who.scoped ? { scoped: true } : {}),
  }
}
const target = () => createTestUser(db, ws.tenantId)
/** A user of our workspace in group A: within the scoped personas' reach. */
async function targetInA() {
  const t = await createTestUser(db, ws.tenantId)
  await db.insert(userGroups).values({ tenantId: ws.tenantId, userId: t.id, groupId: groupA })
  return t
}
/** A second, un-narrowed Admin of our workspace: out of the narrowed admin's reach. */
const fullAdminTarget = () => createTestUser(db, ws.tenantId, { role: 'Admin' })
const passwordHashOf = async (id: string) => (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]!.h
const fullFields = async (id: string) => {
  const [u] = await db.select().from(users).where(eq(users.id, id))
  return { fullName: u!.fullName, email: u!.email, username: u!.username, role: u!.role, profileId: u!.profileId ?? '', status: u!.status }
}
const liveSessionsOf = async (userId: string) => (await listLiveSessions(db, wholeWorkspace(ws.tenantId), userId)).length
const versionOf = async (id: string) => (await db.select({ v: users.version, d: users.deletedAt }).from(users).where(eq(users.id, id)))[0]!
const fields = (u: { username: string; email: string }) => ({
  fullName: 'Renamed',
  email: u.email,
  username: u.username,
  role: 'Agent',
  status: 'active',
})
const PASSWORD = 'violet-harbour-42-kettle'
const ring = keyringFrom(Buffer.alloc(32, 7).toString('base64'))
let extensionCounter = 100
/** An extension of our workspace, made by its admin. */
async function targetExtension() {
  const made = await createExtension(
    db,
    caller('admin'),
    { number: String(++extensionCounter * 10 + Math.floor(Math.random() * 10)) },
    ring,
  )
  if (!made.ok) throw new Error(JSON.stringify(made))
  return made.id
}
async function targetProfile() {
  const made = await createProfile(db, caller('admin'), {
    name: `T ${Math.random()}`,
    role: 'Supervisor',
    permissions: ['users.read', 'reports.read'],
  })
  if (!made.ok) throw new Error(JSON.stringify(made))
  return made.id
}
async function targetGroup() {
  const made = await createGroup(db, caller('admin'), { name: `T ${Math.random()}` })
  if (!made.ok) throw new Error(JSON.stringify(made))
  return made.id
}
/** A user of our workspace invited (no password): one open invitation link. */
async function invitedTarget() {
  const username = `inv.${Math.random().toString(36).slice(2, 10)}`
  const made = await createUser(db, caller('admin'), {
    fullName: 'Invited',
    email: `${username}@x.test`,
    username,
    role: 'Agent',
    sendInvitation: true,
  })
  if (!made.ok) throw new Error(JSON.stringify(made))
  return made.id
}
const linksOf = async (userId: string) => (await db.select().from(userLinks).where(eq(userLinks.userId, userId))).length
const mailsOf = async (tenantId: string) => (await db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, tenantId))).length
async function withTotpOn(userId: string) {
  const secret = (await totpSetupSecret(db, ws.tenantId, userId))!
  if (!(await confirmTotp(db, ws.tenantId, userId, totpCode(secret)))) throw new Error('totp')
}
const extensionVersion = async (id: string) =>
  (await db.select({ v: extensions.version }).from(extensions).where(eq(extensions.id, id)))[0]?.v

/** Each operation runs as a persona and says whether it went through; `unchanged` checks a refusal wrote nothing. */
interface Operation {
  run: (p: Persona) => Promise<{ allowed: boolean; unchanged?: () => Promise<boolean> }>
  allowed: Persona[]
}

const OPERATIONS: Record<string, Operation> = {
  createUserAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin creates in their own workspace: nothing can reach ours
    run: async (p) => {
      const username = `new.${Math.random().toString(36).slice(2, 10)}`
      const result = await createUser(db, caller(p), {
        ...{ fullName: 'New', email: `${username}@x.test`, username, role: 'Agent' },
        password: PASSWORD,
      })
      const count = async () => (await db.select().from(users).where(eq(users.username, username))).length
      return { allowed: result.ok, unchanged: async () => (await count()) === 0 }
    },
  },
  updateUserAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await updateUser(db, caller(p), { ...fields(t), id: t.id, version: 1 })
      return { allowed: result.ok, unchanged: async () => (await versionOf(t.id)).v === 1 }
    },
  },
  bulkUsersAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await runBulkAction(db, caller(p), { action: 'deactivate', ids: [t.id] })
      return { allowed: result.ok && result.changed === 1, unchanged: async () => (await versionOf(t.id)).v === 1 }
    },
  },
  // The same action with scope=matching: every user the list's view matches (here a search for one username).
  'bulkUsersAction (all matching)': {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await runBulkActionOnMatching(db, caller(p), { action: 'deactivate', query: `q=${t.username}`, expected: 1 })
      return { allowed: result.ok && result.changed === 1, unchanged: async () => (await versionOf(t.id)).v === 1 }
    },
  },
  // Issue 18: invitations, resets and two-factor, from the edit page's Sign-in section and the list's bulk bar.
  sendInvitationAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await invitedTarget()
      const result = await sendInvitation(db, caller(p), t)
      return { allowed: result.ok, unchanged: async () => (await linksOf(t)) === 1 }
    },
  },
  bulkInviteAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await invitedTarget()
      const result = await sendInvitationsInBulk(db, caller(p), { ids: [t] })
      return { allowed: result.ok && result.sent === 1, unchanged: async () => (await linksOf(t)) === 1 }
    },
  },
  'bulkInviteAction (all matching)': {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await invitedTarget()
      const [u] = await db.select({ username: users.username }).from(users).where(eq(users.id, t))
      const result = await sendInvitationsInBulk(db, caller(p), { query: `q=${u!.username}`, expected: 1 })
      return { allowed: result.ok && result.sent === 1, unchanged: async () => (await linksOf(t)) === 1 }
    },
  },
  sendPasswordResetAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await sendPasswordReset(db, caller(p), t.id)
      return { allowed: result.ok, unchanged: async () => (await linksOf(t.id)) === 0 }
    },
  },
  // An outranked target: the narrowed admin can't send a full Admin a reset (or invite, or reset two-factor).
  'sendPasswordResetAction (full admin target)': {
    allowed: ['admin'],
    run: async (p) => {
      const t = await fullAdminTarget()
      const result = await sendPasswordReset(db, caller(p), t.id)
      return { allowed: result.ok, unchanged: async () => (await linksOf(t.id)) === 0 }
    },
  },
  resetTwoFactorAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      await withTotpOn(t.id)
      const result = await resetTwoFactor(db, caller(p), t.id)
      return { allowed: result.ok, unchanged: async () => (await twoFactorStatus(db, ws.tenantId, t.id)).on }
    },
  },
  'resetTwoFactorAction (full admin target)': {
    allowed: ['admin'],
    run: async (p) => {
      const t = await fullAdminTarget()
      await withTotpOn(t.id)
      const result = await resetTwoFactor(db, caller(p), t.id)
      return { allowed: result.ok, unchanged: async () => (await twoFactorStatus(db, ws.tenantId, t.id)).on }
    },
  },
  updateSecuritySettingsAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin sets their own workspace's policy, never ours
    run: async (p) => {
      const before = await twoFactorPolicyOf(db, ws.tenantId)
      const result = await updateSecuritySettings(db, caller(p), { twoFactorPolicy: before === 'off' ? 'everyone' : 'off' })
      const allowed = result.ok
      // Back to off: the other operations sign nobody in, but keep the workspace as it was.
      if (allowed && p !== 'otherAdmin') await db.update(tenants).set({ twoFactorPolicy: 'off' }).where(eq(tenants.id, ws.tenantId))
      return { allowed, unchanged: async () => (await twoFactorPolicyOf(db, ws.tenantId)) === before }
    },
  },
  sendTestMailAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // to their own address, in their own workspace
    run: async (p) => {
      const before = await mailsOf(ws.tenantId)
      const result = await sendTestMail(db, caller(p))
      if (result.ok) expect(result.to).toBe((await db.select({ e: users.email }).from(users).where(eq(users.id, people[p].id)))[0]!.e)
      return { allowed: result.ok, unchanged: async () => (await mailsOf(ws.tenantId)) === before }
    },
  },
  // Users list › Edit: one field for the selected users, and for every user a view matches.
  bulkEditUsersAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await bulkEditUsers(db, caller(p), { ids: [t.id], set: { department: 'Bulk' } })
      return { allowed: result.ok && result.updated === 1, unchanged: async () => (await versionOf(t.id)).v === 1 }
    },
  },
  'bulkEditUsersAction (all matching)': {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await bulkEditUsers(db, caller(p), { query: `q=${t.username}`, expected: 1, set: { jobTitle: 'Bulk' } })
      return { allowed: result.ok && result.updated === 1, unchanged: async () => (await versionOf(t.id)).v === 1 }
    },
  },
  // Saved views: anyone who reads the list saves their own; a shared one is managed by its owner or settings.manage.
  saveViewAction: {
    allowed: ['admin', 'narrowedAdmin', 'supervisor', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'], // otherAdmin saves in their own workspace
    run: async (p) => {
      const name = `View ${Math.random()}`
      const result = await saveView(db, caller(p), { name, query: 'status=inactive' })
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select().from(savedViews).where(eq(savedViews.name, name))).length === 0,
      }
    },
  },
  renameViewAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const made = await saveView(db, caller('admin'), { name: `Shared ${Math.random()}`, query: '', shared: 'on' })
      if (!made.ok) throw new Error('view')
      const result = await renameView(db, caller(p), { id: made.id, name: `Renamed ${Math.random()}` })
      const nameOf = async () => (await db.select({ n: savedViews.name }).from(savedViews).where(eq(savedViews.id, made.id)))[0]?.n
      return { allowed: result.ok, unchanged: async () => !(await nameOf())?.startsWith('Renamed') }
    },
  },
  deleteViewAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const made = await saveView(db, caller('admin'), { name: `Shared ${Math.random()}`, query: '', shared: 'on' })
      if (!made.ok) throw new Error('view')
      const result = await deleteView(db, caller(p), { id: made.id })
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select().from(savedViews).where(eq(savedViews.id, made.id))).length === 1,
      }
    },
  },
  // Sessions: another user's need users.update and the privilege rules; one's own are anyone's (My account).
  signOutSessionAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const sessionId = await openDashboardSession(db, { tenantId: ws.tenantId, userId: t.id, ip: null, userAgent: 'x' })
      const result = await signOutSessions(db, caller(p), { userId: t.id, sessionId })
      return { allowed: result.ok && result.ended === 1, unchanged: async () => (await liveSessionsOf(t.id)) === 1 }
    },
  },
  signOutEverywhereAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      await openDashboardSession(db, { tenantId: ws.tenantId, userId: t.id, ip: null, userAgent: 'x' })
      await openDashboardSession(db, { tenantId: ws.tenantId, userId: t.id, ip: null, userAgent: 'y' })
      const result = await signOutSessions(db, caller(p), { userId: t.id })
      return { allowed: result.ok && result.ended === 2, unchanged: async () => (await liveSessionsOf(t.id)) === 2 }
    },
  },
  'signOutSessionAction (own)': {
    allowed: ['admin', 'narrowedAdmin', 'supervisor', 'narrowedSupervisor', 'agent', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
    run: async (p) => {
      const who = people[p]
      const sessionId = await openDashboardSession(db, { tenantId: who.tenantId, userId: who.id, ip: null, userAgent: 'own' })
      return { allowed: (await signOutSessions(db, caller(p), { userId: who.id, sessionId })).ok }
    },
  },
  deleteUserAction: {
    allowed: ['admin'],
    run: async (p) => {
      const t = await target()
      const result = await runBulkAction(db, caller(p), { action: 'delete', ids: [t.id] })
      return { allowed: result.ok && result.changed === 1, unchanged: async () => (await versionOf(t.id)).d === null }
    },
  },
  restoreUserAction: {
    allowed: ['admin'],
    run: async (p) => {
      const t = await target()
      await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, t.id))
      const result = await restoreUser(db, caller(p), { id: t.id })
      return { allowed: result.ok, unchanged: async () => (await versionOf(t.id)).d !== null }
    },
  },
  createTokenAction: {
    // Tokens for someone else need users.tokens; one's own is the next row.
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const result = await createApiToken(db, caller(p), { ownerId: t.id, name: 'x' })
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select().from(apiTokens).where(eq(apiTokens.userId, t.id))).length === 0,
      }
    },
  },
  revokeTokenAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const t = await target()
      const made = await createApiToken(db, caller('admin'), { ownerId: t.id, name: 'x' })
      if (!made.ok) throw new Error('token')
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.userId, t.id))
      const result = await revokeApiToken(db, caller(p), { ownerId: t.id, tokenId: row!.id })
      return { allowed: result.ok, unchanged: async () => (await authenticateApiToken(db, `Bearer ${made.token}`)) !== null }
    },
  },
  'createTokenAction (own)': {
    allowed: ['admin', 'narrowedAdmin', 'supervisor', 'narrowedSupervisor', 'agent', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
    run: async (p) => ({ allowed: (await createApiToken(db, caller(p), { ownerId: people[p].id, name: 'mine' })).ok }),
  },
  createExtensionAction: {
    allowed: ['admin', 'otherAdmin'], // in their own workspace
    run: async (p) => {
      const number = String(900000 + Math.floor(Math.random() * 99999))
      const result = await createExtension(db, caller(p), { number }, ring)
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select().from(extensions).where(eq(extensions.number, number))).length === 0,
      }
    },
  },
  updateExtensionAction: {
    allowed: ['admin'],
    run: async (p) => {
      const id = await targetExtension()
      const result = await updateExtension(
        db,
        caller(p),
        { ...{ number: String(800000 + Math.floor(Math.random() * 99999)) }, id: id, version: 1, sipPassword: '' },
        ring,
      )
      return { allowed: result.ok, unchanged: async () => (await extensionVersion(id)) === 1 }
    },
  },
  revealSipPasswordAction: {
    allowed: ['admin'],
    run: async (p) => ({ allowed: (await revealSipPassword(db, caller(p), { id: await targetExtension() }, ring)).ok }),
  },
  deleteExtensionAction: {
    allowed: ['admin'],
    run: async (p) => {
      const id = await targetExtension()
      const result = await deleteExtension(db, caller(p), { id: id })
      return { allowed: result.ok, unchanged: async () => (await extensionVersion(id)) === 1 }
    },
  },
  createExtensionRangeAction: {
    allowed: ['admin', 'otherAdmin'], // in their own workspace
    run: async (p) => {
      const from = 700000 + Math.floor(Math.random() * 9000) * 10
      const result = await createExtensionRange(db, caller(p), { from: String(from), to: String(from + 2) }, ring)
      return {
        allowed: result.ok,
        unchanged: async () =>
          (
            await db
              .select()
              .from(extensions)
              .where(eq(extensions.number, String(from)))
          ).length === 0,
      }
    },
  },
  createProfileAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // in their own workspace; an Agent profile gives nothing
    run: async (p) => {
      const name = `P ${Math.random()}`
      const result = await createProfile(db, caller(p), { name, role: 'Agent' })
      return { allowed: result.ok, unchanged: async () => (await db.select().from(profiles).where(eq(profiles.name, name))).length === 0 }
    },
  },
  updateProfileAction: {
    allowed: ['admin'],
    run: async (p) => {
      const id = await targetProfile()
      const result = await updateProfile(db, caller(p), {
        ...{ name: `Renamed ${Math.random()}`, role: 'Supervisor', permissions: ['users.read'] },
        id: id,
      })
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select({ v: profiles.version }).from(profiles).where(eq(profiles.id, id)))[0]?.v === 1,
      }
    },
  },
  deleteProfileAction: {
    allowed: ['admin'],
    run: async (p) => {
      const id = await targetProfile()
      const result = await deleteProfile(db, caller(p), { id: id, reassign: true })
      return { allowed: result.ok, unchanged: async () => (await db.select().from(profiles).where(eq(profiles.id, id))).length === 1 }
    },
  },
  createGroupAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // in their own workspace
    run: async (p) => {
      const name = `G ${Math.random()}`
      const result = await createGroup(db, caller(p), { name: name })
      return { allowed: result.ok, unchanged: async () => (await db.select().from(groups).where(eq(groups.name, name))).length === 0 }
    },
  },
  renameGroupAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const id = await targetGroup()
      const result = await renameGroup(db, caller(p), { id: id, name: `Renamed ${Math.random()}` })
      return {
        allowed: result.ok,
        unchanged: async () => !(await db.select({ n: groups.name }).from(groups).where(eq(groups.id, id)))[0]!.n.startsWith('Renamed'),
      }
    },
  },
  deleteGroupAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const id = await targetGroup()
      const result = await deleteGroup(db, caller(p), { id: id })
      return { allowed: result.ok, unchanged: async () => (await db.select().from(groups).where(eq(groups.id, id))).length === 1 }
    },
  },
  addGroupMemberAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const id = await targetGroup()
      const t = await target()
      const result = await addGroupMember(db, caller(p), { groupId: id, username: t.username })
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select().from(userGroups).where(eq(userGroups.groupId, id))).length === 0,
      }
    },
  },
  removeGroupMemberAction: {
    allowed: ['admin', 'narrowedAdmin'],
    run: async (p) => {
      const id = await targetGroup()
      const t = await target()
      await addGroupMember(db, caller('admin'), { groupId: id, username: t.username })
      const result = await removeGroupMember(db, caller(p), { groupId: id, userId: t.id })
      return {
        allowed: result.ok,
        unchanged: async () => (await db.select().from(userGroups).where(eq(userGroups.groupId, id))).length === 1,
      }
    },
  },
  'GET /users/export/{format}': {
    allowed: ['admin', 'supervisor', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
    run: async (p) => {
      const answer = await exportUsers(db, caller(p), { format: 'csv', params: new URLSearchParams(), workspace: { slug: 'x', name: 'x' } })
      if (answer.kind !== 'stream') return { allowed: false }
      const text = await new Response(answer.body).text()
      // Another workspace's admin exports their own users, never ours; a scoped persona only group A's (the admin isn't in it).
      if (p === 'otherAdmin' || people[p].scoped) expect(text).not.toContain(ws.admin.username)
      else expect(text).toContain(ws.admin.username)
      return { allowed: true }
    },
  },
  // The live board's event stream: reports.read, and only the viewer's own workspace's events.
  'GET /reports/signed-in/events': {
    allowed: ['admin', 'supervisor', 'narrowedSupervisor', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
    run: async (p) => {
      const stop = await watchSignedInBoard(caller(p), () => {})
      stop?.()
      return { allowed: stop !== null }
    },
  },
  'GET /reports/users/export': {
    // The route checks reports.read itself (the report reads login data); the narrowed supervisor keeps it.
    allowed: ['admin', 'supervisor', 'narrowedSupervisor', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
    run: async (p) => {
      const body = userActivityCsv(db, caller(p), { params: parseUserListParams({}), range: reportRange({}) })
      if (body) await new Response(body).text()
      return { allowed: body !== null }
    },
  },
  ...scopedRows(),
  ...importRows(),
  ...escalationRows(),
  ...apiRows(),
  ...identityProviderRows(),
  ...scimRows(),
  ...webhookRows(),
  updateWorkspaceSettingsAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin sets their own workspace's zone, never ours
    run: async (p) => {
      const zone = ['Europe/Lisbon', 'Asia/Tokyo', 'America/Chicago'][Math.floor(Math.random() * 3)]!
      const before = await workspaceSettingsOf(db, ws.tenantId)
      const result = await updateWorkspaceSettings(db, caller(p), { timeZone: before?.timeZone === zone ? 'UTC' : zone })
      return { allowed: result.ok, unchanged: async () => (await workspaceSettingsOf(db, ws.tenantId))?.timeZone === before?.timeZone }
    },
  },
  regenerateDirectoryAction: {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin replaces their own workspace's URL, never ours
    run: async (p) => {
      const before = await directorySecretOf(db, ws.tenantId)
      const result = await regenerateDirectorySecret(db, caller(p))
      return { allowed: result.ok, unchanged: async () => (await directorySecretOf(db, ws.tenantId)) === before }
    },
  },
}

/**
 * The five ways a narrowed Admin could once escape their profile (issue 12),
 * through the portal's lib calls and through the API. Nobody changes their
 * own role, profile or status; nobody gives, or acts on, more than they have.
 */
function escalationRows(): Record<string, Operation> {
  const apiToken = async (p: Persona) => {
    const made = await createApiToken(db, caller(p), { ownerId: people[p].id, name: 'api' })
    if (!made.ok) throw new Error('token')
    return made.token
  }
  return {
    'escalation: drop or change own profile (form)': {
      allowed: [],
      run: async (p) => {
        const me = people[p].id
        const before = await fullFields(me)
        // The narrowed choose "No profile"; the rest try to take on the narrowed admin's profile (any change of one's own is refused).
        const profileId = before.profileId ? '' : before.role === 'Admin' ? narrowedAdminProfile : ''
        const result = await updateUser(db, caller(p), { ...{ ...before, profileId }, id: me, version: (await versionOf(me)).v })
        return { allowed: result.ok, unchanged: async () => (await fullFields(me)).profileId === before.profileId }
      },
    },
    'escalation: drop own profile (PATCH /api/v1/users/{self})': {
      allowed: [],
      run: async (p) => {
        const me = people[p].id
        const before = await fullFields(me)
        const body = {
          version: (await versionOf(me)).v,
          profileId: before.profileId ? null : narrowedAdminProfile,
          ...(before.profileId ? {} : { role: 'Admin' }),
        }
        const answer = await callApi(patchUserRoute, 'PATCH', `/api/v1/users/${me}`, { token: await apiToken(p), body, params: { id: me } })
        expect(answer.status).not.toBe(500)
        return { allowed: answer.status < 300, unchanged: async () => JSON.stringify(await fullFields(me)) === JSON.stringify(before) }
      },
    },
    'escalation: change own role (form)': {
      allowed: [],
      run: async (p) => {
        const me = people[p].id
        const before = await fullFields(me)
        const role = before.role === 'Admin' ? 'Supervisor' : 'Admin'
        const result = await updateUser(db, caller(p), { ...{ ...before, role, profileId: '' }, id: me, version: (await versionOf(me)).v })
        return { allowed: result.ok, unchanged: async () => (await fullFields(me)).role === before.role }
      },
    },
    'escalation: create an un-narrowed Admin (form and API)': {
      allowed: ['admin', 'otherAdmin'],
      run: async (p) => {
        const username = `boss.${Math.random().toString(36).slice(2, 10)}`
        const viaForm = await createUser(db, caller(p), {
          ...{ fullName: 'Boss', email: `${username}@x.test`, username, role: 'Admin' },
          password: PASSWORD,
        })
        const viaApi = await callApi(postUserRoute, 'POST', '/api/v1/users', {
          token: await apiToken(p),
          body: { fullName: 'Boss', email: `${username}.api@x.test`, username: `${username}.api`, role: 'Admin', password: PASSWORD },
        })
        expect(viaForm.ok).toBe(viaApi.status === 201)
        const count = async () =>
          (await db.select().from(users).where(eq(users.fullName, 'Boss'))).filter((u) => u.username.startsWith(username)).length
        return { allowed: viaForm.ok, unchanged: async () => (await count()) === 0 }
      },
    },
    'escalation: token for a full admin': {
      allowed: ['admin'],
      run: async (p) => {
        const t = await fullAdminTarget()
        const result = await createApiToken(db, caller(p), { ownerId: t.id, name: 'act as them' })
        return {
          allowed: result.ok,
          unchanged: async () => (await db.select().from(apiTokens).where(eq(apiTokens.userId, t.id))).length === 0,
        }
      },
    },
    'escalation: set a full admin’s password (form and API)': {
      allowed: ['admin'],
      run: async (p) => {
        const t = await fullAdminTarget()
        const hash = await passwordHashOf(t.id)
        const viaForm = await updateUser(db, caller(p), {
          ...(await fullFields(t.id)),
          id: t.id,
          version: 1,
          password: 'amber-lantern-73-orchard',
        })
        const t2 = await fullAdminTarget()
        const hash2 = await passwordHashOf(t2.id)
        const viaApi = await callApi(patchUserRoute, 'PATCH', `/api/v1/users/${t2.id}`, {
          token: await apiToken(p),
          body: { version: 1, password: 'amber-lantern-73-orchard' },
          params: { id: t2.id },
        })
        expect(viaForm.ok).toBe(viaApi.status === 200)
        if (p === 'narrowedAdmin') expect(viaApi.status).toBe(404)
        return {
          allowed: viaForm.ok,
          unchanged: async () => (await passwordHashOf(t.id)) === hash && (await passwordHashOf(t2.id)) === hash2,
        }
      },
    },
    'escalation: edit, deactivate or delete a full admin': {
      allowed: ['admin'],
      run: async (p) => {
        const t = await fullAdminTarget()
        const edit = await updateUser(db, caller(p), { ...{ ...(await fullFields(t.id)), fullName: 'Renamed' }, id: t.id, version: 1 })
        const deactivate = await runBulkAction(db, caller(p), { action: 'deactivate', ids: [t.id] })
        const t2 = await fullAdminTarget()
        const del = await callApi(deleteUserRoute, 'DELETE', `/api/v1/users/${t2.id}`, { token: await apiToken(p), params: { id: t2.id } })
        const all = [edit.ok, deactivate.ok, del.status === 204]
        expect(new Set(all).size, JSON.stringify(all)).toBe(1)
        return { allowed: all[0]!, unchanged: async () => (await versionOf(t.id)).v === 1 && (await versionOf(t2.id)).d === null }
      },
    },
    'escalation: widen own profile': {
      // Only the full admin may widen the narrowed admin's profile (and it is narrowed again at once).
      allowed: ['admin'],
      run: async (p) => {
        const wider = [...NARROWED_ADMIN, 'users.delete']
        const result = await updateProfile(db, caller(p), {
          ...{ name: 'Users and settings', role: 'Admin', permissions: wider },
          id: narrowedAdminProfile,
        })
        const current = async () =>
          (await db.select({ p: profiles.permissions }).from(profiles).where(eq(profiles.id, narrowedAdminProfile)))[0]!.p
        const widened = (await current()).includes('users.delete')
        if (widened) await db.update(profiles).set({ permissions: NARROWED_ADMIN }).where(eq(profiles.id, narrowedAdminProfile))
        return { allowed: result.ok, unchanged: async () => !widened }
      },
    },
    'escalation: a profile with permissions one lacks': {
      allowed: ['admin', 'otherAdmin'],
      run: async (p) => {
        const name = `Wide ${Math.random()}`
        const result = await createProfile(db, caller(p), { name, role: 'Admin', permissions: ['users.read', 'users.delete'] })
        return { allowed: result.ok, unchanged: async () => (await db.select().from(profiles).where(eq(profiles.name, name))).length === 0 }
      },
    },
  }
}

/** An API route called over its handler with a token of the persona: allowed = a 2xx answer. */
function apiRow(
  handler: unknown,
  method: string,
  allowed: Persona[],
  setup: () => Promise<{
    path: string
    params?: Record<string, string>
    body?: unknown
    unchanged?: () => Promise<boolean>
    /** A 2xx answer counts as allowed only if its body says so (a list: the target is in it). */
    allowedIf?: (body: unknown) => boolean
  }>,
): Operation {
  return {
    allowed,
    run: async (p) => {
      const token = await createApiToken(db, caller(p), { ownerId: people[p].id, name: 'api' })
      if (!token.ok) throw new Error('token')
      const s = await setup()
      const answer = await callApi(handler, method, s.path, { token: token.token, body: s.body, params: s.params })
      // 422: a field rule refused it (a scoped admin creating a user outside their groups).
      expect([200, 201, 204, 403, 404, 422], JSON.stringify(answer.body)).toContain(answer.status)
      return { allowed: answer.status < 300 && (s.allowedIf?.(answer.body) ?? true), unchanged: s.unchanged }
    },
  }
}

/**
 * The API's routes, each called over its handler with a token of the persona
 * against a fresh target in our workspace: allowed = a 2xx answer. Another
 * workspace's admin gets 404 for our ids, and lists or creates in their own.
 */
function apiRows(): Record<string, Operation> {
  const row = apiRow
  const userTarget = async () => {
    const t = await target()
    return { path: `/api/v1/users/${t.id}`, params: { id: t.id }, t }
  }
  const extensionTarget = async () => {
    const made = await createExtension(
      db,
      caller('admin'),
      { number: String(++extensionCounter * 10 + Math.floor(Math.random() * 10)) },
      appKeyring(),
    )
    if (!made.ok) throw new Error('extension')
    return made.id
  }
  const members = async (groupId: string) => (await db.select().from(userGroups).where(eq(userGroups.groupId, groupId))).length
  return {
    // Scoped personas list too: group A's members only ('GET /api/v1/users (in group A)').
    'GET /api/v1/users': row(
      listUsersRoute,
      'GET',
      ['admin', 'narrowedAdmin', 'supervisor', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
      async () => ({
        path: `/api/v1/users?q=${ws.admin.username}`,
      }),
    ),
    // Seen = the search finds the workspace's admin, who is in no group: never by a scoped persona (nor another workspace).
    'GET /api/v1/users (admin, outside group A)': row(listUsersRoute, 'GET', ['admin', 'narrowedAdmin', 'supervisor'], async () => ({
      path: `/api/v1/users?q=${ws.admin.username}`,
      allowedIf: (body) => (body as { data: unknown[] }).data.length === 1,
    })),
    'POST /api/v1/users': row(postUserRoute, 'POST', ['admin', 'narrowedAdmin', 'otherAdmin'], async () => {
      const username = `api.${Math.random().toString(36).slice(2, 10)}`
      return {
        path: '/api/v1/users',
        body: { fullName: 'Api', email: `${username}@x.test`, username, role: 'Agent', password: PASSWORD },
        unchanged: async () => (await db.select().from(users).where(eq(users.username, username))).length === 0,
      }
    }),
    'GET /api/v1/users/{id}': row(getUserRoute, 'GET', ['admin', 'narrowedAdmin', 'supervisor'], async () => ({
      path: `/api/v1/users/${ws.admin.id}`,
      params: { id: ws.admin.id },
    })),
    'PATCH /api/v1/users/{id}': row(patchUserRoute, 'PATCH', ['admin', 'narrowedAdmin'], async () => {
      const { path: p, params, t } = await userTarget()
      return { path: p, params, body: { version: 1, fullName: 'Renamed' }, unchanged: async () => (await versionOf(t.id)).v === 1 }
    }),
    // 200 for every caller allowed to ask; what counts is whether our workspace's user changed.
    'POST /api/v1/users/bulk': {
      allowed: ['admin', 'narrowedAdmin'],
      run: async (p) => {
        const token = await createApiToken(db, caller(p), { ownerId: people[p].id, name: 'api' })
        if (!token.ok) throw new Error('token')
        const t = await target()
        const answer = await callApi(bulkRoute, 'POST', '/api/v1/users/bulk', {
          token: token.token,
          body: { ids: [t.id], set: { department: 'Api' } },
        })
        expect([200, 403], JSON.stringify(answer.body)).toContain(answer.status)
        return { allowed: answer.status === 200 && answer.body.data.updated === 1, unchanged: async () => (await versionOf(t.id)).v === 1 }
      },
    },
    'GET /api/v1/sessions': row(listSessionsRoute, 'GET', ['admin', 'narrowedAdmin', 'supervisor'], async () => {
      const t = await target()
      return { path: `/api/v1/sessions?user=${t.id}` }
    }),
    'DELETE /api/v1/sessions/{id}': row(endSessionRoute, 'DELETE', ['admin', 'narrowedAdmin'], async () => {
      const t = await target()
      const id = await openDashboardSession(db, { tenantId: ws.tenantId, userId: t.id, ip: null, userAgent: 'x' })
      return { path: `/api/v1/sessions/${id}`, params: { id }, unchanged: async () => (await liveSessionsOf(t.id)) === 1 }
    }),
    'DELETE /api/v1/users/{id}/sessions': row(endUserSessionsRoute, 'DELETE', ['admin', 'narrowedAdmin'], async () => {
      const t = await target()
      await openDashboardSession(db, { tenantId: ws.tenantId, userId: t.id, ip: null, userAgent: 'x' })
      return { path: `/api/v1/users/${t.id}/sessions`, params: { id: t.id }, unchanged: async () => (await liveSessionsOf(t.id)) === 1 }
    }),
    'DELETE /api/v1/users/{id}': row(deleteUserRoute, 'DELETE', ['admin'], async () => {
      const { path: p, params, t } = await userTarget()
      return { path: p, params, unchanged: async () => (await versionOf(t.id)).d === null }
    }),
    'POST /api/v1/users/{id}/restore': row(restoreUserRoute, 'POST', ['admin'], async () => {
      const t = await target()
      await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, t.id))
      return { path: `/api/v1/users/${t.id}/restore`, params: { id: t.id }, unchanged: async () => (await versionOf(t.id)).d !== null }
    }),
    'GET /api/v1/extensions': row(listExtensionsRoute, 'GET', ['admin', 'otherAdmin'], async () => ({ path: '/api/v1/extensions' })),
    'POST /api/v1/extensions': row(postExtensionRoute, 'POST', ['admin', 'otherAdmin'], async () => {
      const number = String(900000 + Math.floor(Math.random() * 99999))
      return {
        path: '/api/v1/extensions',
        body: { number },
        unchanged: async () =>
          (
            await db
              .select()
              .from(extensions)
              .where(and(eq(extensions.tenantId, ws.tenantId), eq(extensions.number, number)))
          ).length === 0,
      }
    }),
    'GET /api/v1/extensions/{id}': row(getExtensionRoute, 'GET', ['admin'], async () => {
      const id = await extensionTarget()
      return { path: `/api/v1/extensions/${id}`, params: { id } }
    }),
    'PATCH /api/v1/extensions/{id}': row(patchExtensionRoute, 'PATCH', ['admin'], async () => {
      const id = await extensionTarget()
      return {
        path: `/api/v1/extensions/${id}`,
        params: { id },
        body: { version: 1, type: 'SIP' },
        unchanged: async () => (await extensionVersion(id)) === 1,
      }
    }),
    'DELETE /api/v1/extensions/{id}': row(deleteExtensionRoute, 'DELETE', ['admin'], async () => {
      const id = await extensionTarget()
      return { path: `/api/v1/extensions/${id}`, params: { id }, unchanged: async () => (await extensionVersion(id)) === 1 }
    }),
    'POST /api/v1/extensions/{id}/sip-password': row(revealSipRoute, 'POST', ['admin'], async () => {
      const id = await extensionTarget()
      const reveals = async () =>
        (
          await db
            .select()
            .from(auditEntries)
            .where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'extension.sip_reveal')))
        ).length
      return { path: `/api/v1/extensions/${id}/sip-password`, params: { id }, unchanged: async () => (await reveals()) === 0 }
    }),
    'GET /api/v1/extensions/{id}/eligibility': row(eligibilityRoute, 'GET', ['admin', 'narrowedAdmin', 'supervisor'], async () => {
      const id = await extensionTarget()
      const [ext] = await db.select({ number: extensions.number }).from(extensions).where(eq(extensions.id, id))
      return { path: `/api/v1/extensions/${ext!.number}/eligibility`, params: { id: ext!.number } }
    }),
    // A scoped persona gets the groups they manage (group A).
    'GET /api/v1/groups': row(
      listGroupsRoute,
      'GET',
      ['admin', 'narrowedAdmin', 'supervisor', 'otherAdmin', 'scopedSupervisor', 'scopedAdmin'],
      async () => ({
        path: '/api/v1/groups',
      }),
    ),
    'POST /api/v1/groups': row(postGroupRoute, 'POST', ['admin', 'narrowedAdmin', 'otherAdmin'], async () => {
      const name = `Api ${Math.random()}`
      return {
        path: '/api/v1/groups',
        body: { name },
        unchanged: async () =>
          (
            await db
              .select()
              .from(groups)
              .where(and(eq(groups.tenantId, ws.tenantId), eq(groups.name, name)))
          ).length === 0,
      }
    }),
    'POST /api/v1/groups/{id}/members': row(addMemberRoute, 'POST', ['admin', 'narrowedAdmin'], async () => {
      const id = await targetGroup()
      const t = await target()
      return {
        path: `/api/v1/groups/${id}/members`,
        params: { id },
        body: { username: t.username },
        unchanged: async () => (await members(id)) === 0,
      }
    }),
    'DELETE /api/v1/groups/{id}/members/{userId}': row(removeMemberRoute, 'DELETE', ['admin', 'narrowedAdmin'], async () => {
      const id = await targetGroup()
      const t = await target()
      await db.insert(userGroups).values({ tenantId: ws.tenantId, userId: t.id, groupId: id })
      return {
        path: `/api/v1/groups/${id}/members/${t.id}`,
        params: { id, userId: t.id },
        unchanged: async () => (await members(id)) === 1,
      }
    }),
  }
}

/**
 * Users › Import and Settings › Extensions › Import: uploading needs the
 * kind's permission; a job (its preview, its import, its errors file) is its
 * uploader's alone: another admin, of this workspace or another, gets nothing.
 */
/**
 * Issue 22: the same actions on a member of group A, which the scoped personas
 * manage: inside their scope they work as their permissions say; every other
 * row acts on users in no group, where they are refused and nothing changes.
 * And the group's managers (Settings › Groups, settings.manage).
 */
function scopedRows(): Record<string, Operation> {
  const editors: Persona[] = ['admin', 'narrowedAdmin', 'scopedAdmin']
  const readers: Persona[] = ['admin', 'narrowedAdmin', 'supervisor', 'scopedSupervisor', 'scopedAdmin']
  const managersOf = async (groupId: string) => (await db.select().from(groupManagers).where(eq(groupManagers.groupId, groupId))).length
  const inA = async () => {
    const t = await targetInA()
    return { path: `/api/v1/users/${t.id}`, params: { id: t.id }, t }
  }
  return {
    'updateUserAction (in group A)': {
      allowed: editors,
      run: async (p) => {
        const t = await targetInA()
        const result = await updateUser(db, caller(p), { ...fields(t), id: t.id, version: 1, groupIds: [groupA] })
        return { allowed: result.ok, unchanged: async () => (await versionOf(t.id)).v === 1 }
      },
    },
    'bulkUsersAction (in group A)': {
      allowed: editors,
      run: async (p) => {
        const t = await targetInA()
        const result = await runBulkAction(db, caller(p), { action: 'deactivate', ids: [t.id] })
        return { allowed: result.ok && result.changed === 1, unchanged: async () => (await versionOf(t.id)).v === 1 }
      },
    },
    'createUserAction (into group A)': {
      allowed: ['admin', 'narrowedAdmin', 'scopedAdmin'],
      run: async (p) => {
        const username = `ina.${Math.random().toString(36).slice(2, 10)}`
        const result = await createUser(db, caller(p), {
          ...{ fullName: 'New', email: `${username}@x.test`, username, role: 'Agent', groupIds: [groupA] },
          password: PASSWORD,
        })
        const count = async () => (await db.select().from(users).where(eq(users.username, username))).length
        return { allowed: result.ok, unchanged: async () => (await count()) === 0 }
      },
    },
    // Allowed = the member of group A is in the file (another workspace's admin exports their own people).
    'GET /users/export/{format} (in group A)': {
      allowed: ['admin', 'supervisor', 'scopedSupervisor', 'scopedAdmin'],
      run: async (p) => {
        const t = await targetInA()
        const answer = await exportUsers(db, caller(p), {
          format: 'csv',
          params: new URLSearchParams(),
          workspace: { slug: 'x', name: 'x' },
        })
        if (answer.kind !== 'stream') return { allowed: false }
        return { allowed: (await new Response(answer.body).text()).includes(t.username) }
      },
    },
    'GET /api/v1/users (in group A)': apiRow(listUsersRoute, 'GET', readers, async () => {
      const { t } = await inA()
      return { path: `/api/v1/users?q=${t.username}`, allowedIf: (body) => (body as { data: unknown[] }).data.length === 1 }
    }),
    'GET /api/v1/users/{id} (in group A)': apiRow(getUserRoute, 'GET', readers, async () => {
      const { path, params } = await inA()
      return { path, params }
    }),
    'PATCH /api/v1/users/{id} (in group A)': apiRow(patchUserRoute, 'PATCH', editors, async () => {
      const { path, params, t } = await inA()
      return { path, params, body: { version: 1, fullName: 'Renamed' }, unchanged: async () => (await versionOf(t.id)).v === 1 }
    }),
    'DELETE /api/v1/users/{id} (in group A)': apiRow(deleteUserRoute, 'DELETE', ['admin', 'scopedAdmin'], async () => {
      const { path, params, t } = await inA()
      return { path, params, unchanged: async () => (await versionOf(t.id)).d === null }
    }),
    // The narrowed admin lacks reports.read and users.export, which a Supervisor has: a Supervisor is out of their reach.
    addGroupManagerAction: {
      allowed: ['admin'],
      run: async (p) => {
        const id = await targetGroup()
        const t = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
        const result = await addGroupManager(db, caller(p), { groupId: id, username: t.username })
        return { allowed: result.ok, unchanged: async () => (await managersOf(id)) === 0 }
      },
    },
    removeGroupManagerAction: {
      allowed: ['admin'],
      run: async (p) => {
        const id = await targetGroup()
        const t = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
        await addGroupManager(db, caller('admin'), { groupId: id, username: t.username })
        const result = await removeGroupManager(db, caller(p), { groupId: id, userId: t.id })
        return { allowed: result.ok, unchanged: async () => (await managersOf(id)) === 1 }
      },
    },
    // Within the narrowed admin's reach: a Supervisor narrowed to reading users.
    'addGroupManagerAction (narrow supervisor target)': {
      allowed: ['admin', 'narrowedAdmin'],
      run: async (p) => {
        const id = await targetGroup()
        const made = await createProfile(db, caller('admin'), {
          name: `R ${Math.random()}`,
          role: 'Supervisor',
          permissions: ['users.read'],
        })
        if (!made.ok) throw new Error('profile')
        const t = await createTestUser(db, ws.tenantId, { role: 'Supervisor', profileId: made.id })
        const result = await addGroupManager(db, caller(p), { groupId: id, username: t.username })
        return { allowed: result.ok, unchanged: async () => (await managersOf(id)) === 0 }
      },
    },
    'POST /api/v1/groups/{id}/managers': apiRow(addManagerRoute, 'POST', ['admin'], async () => {
      const id = await targetGroup()
      const t = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
      return {
        path: `/api/v1/groups/${id}/managers`,
        params: { id },
        body: { username: t.username },
        unchanged: async () => (await managersOf(id)) === 0,
      }
    }),
    'DELETE /api/v1/groups/{id}/managers/{userId}': apiRow(removeManagerRoute, 'DELETE', ['admin'], async () => {
      const id = await targetGroup()
      const t = await createTestUser(db, ws.tenantId, { role: 'Supervisor' })
      await addGroupManager(db, caller('admin'), { groupId: id, username: t.username })
      return {
        path: `/api/v1/groups/${id}/managers/${t.id}`,
        params: { id, userId: t.id },
        unchanged: async () => (await managersOf(id)) === 1,
      }
    }),
  }
}

function importRows(): Record<string, Operation> {
  const processors = { users: userImportProcessor, extensions: extensionImportProcessor }
  const run = async () => runImportJobs(db, processors, { progressWrites: (await getDbHandle()).kind === 'postgres' })
  const kinds = {
    users: {
      processor: userImportProcessor,
      file: () =>
        `Full name,Username,Email,Role\nImp,imp.${Math.random().toString(36).slice(2, 10)},i${Math.random().toString(36).slice(2, 8)}@x.test,Agent\n`,
    },
    extensions: { processor: extensionImportProcessor, file: () => `Number,Type\n${600000 + Math.floor(Math.random() * 99999)},SIP\n` },
  } as const
  const jobsNamed = async (fileName: string) => (await db.select().from(importJobs).where(eq(importJobs.fileName, fileName))).length
  /** A job of our admin's, previewed, with one failed row once imported. */
  const adminJob = async (kind: 'users' | 'extensions') => {
    const made = await createImportJob(db, caller('admin'), kinds[kind].processor, {
      kind,
      fileName: `${kind}.csv`,
      bytes: Buffer.from(kinds[kind].file() + (kind === 'users' ? 'Bad,bad.row,bad@x.test,Wizard\n' : '12,Fax\n')),
      options: {},
    })
    if (!made.ok) throw new Error(JSON.stringify(made))
    await run()
    return made.id
  }
  const phaseOf = async (id: string) =>
    (await db.select({ phase: importJobs.phase }).from(importJobs).where(eq(importJobs.id, id)))[0]!.phase
  const rows: Record<string, Operation> = {}
  for (const kind of ['users', 'extensions'] as const) {
    const Kind = kind === 'users' ? 'Users' : 'Extensions'
    const permission = kinds[kind].processor.permission
    const base = kind === 'users' ? '/users/import' : '/settings/extensions/import'
    // A scoped admin uploads too: its rows for users outside their groups are errors (lib/auth/scope.test.ts).
    const uploaders: Persona[] = kind === 'users' ? ['admin', 'narrowedAdmin', 'otherAdmin', 'scopedAdmin'] : ['admin', 'otherAdmin']
    rows[`upload${Kind}Import`] = {
      allowed: uploaders, // otherAdmin uploads into their own workspace
      run: async (p) => {
        const fileName = `${p}-${Math.random()}.csv`
        const result = await createImportJob(db, caller(p), kinds[kind].processor, {
          kind,
          fileName,
          bytes: Buffer.from(kinds[kind].file()),
          options: {},
        })
        return { allowed: result.ok, unchanged: async () => (await jobsNamed(fileName)) === 0 }
      },
    }
    rows[`start${Kind}Import`] = {
      allowed: ['admin'],
      run: async (p) => {
        const id = await adminJob(kind)
        const result = await queueImport(db, caller(p), kinds[kind].processor, id, { skipErrors: true })
        return { allowed: result.ok, unchanged: async () => (await phaseOf(id)) === 'preview' }
      },
    }
    rows[`GET ${base}/{id}/errors`] = {
      allowed: ['admin'],
      run: async (p) => {
        const id = await adminJob(kind)
        await queueImport(db, caller('admin'), kinds[kind].processor, id, { skipErrors: true })
        await run()
        const file = await failedRowsCsv(db, caller(p), id)
        if (file) expect(file.csv).toContain(kind === 'users' ? 'Wizard' : 'Fax')
        return { allowed: file !== null }
      },
    }
    // The header row only, no data: the route asks the kind's permission (404 without it) and writes the constant.
    rows[`GET ${base}/template`] = {
      allowed: kind === 'users' ? ['admin', 'narrowedAdmin', 'otherAdmin', 'scopedAdmin'] : ['admin', 'otherAdmin'],
      run: async (p) => ({ allowed: caller(p).permissions.has(permission) }),
    }
  }
  rows['POST /api/v1/users/import'] = {
    allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin imports into their own workspace
    run: async (p) => {
      const token = await createApiToken(db, caller(p), { ownerId: people[p].id, name: 'api' })
      if (!token.ok) throw new Error('token')
      const username = `apiimp.${Math.random().toString(36).slice(2, 10)}`
      const answer = await callApi(importUsersRoute, 'POST', '/api/v1/users/import?dryRun=false', {
        token: token.token,
        rawBody: `Full name,Username,Email,Role\nApi Imp,${username},${username}@x.test,Agent\n`,
      })
      expect([200, 403], JSON.stringify(answer.body)).toContain(answer.status)
      const made = async () => db.select({ t: users.tenantId }).from(users).where(eq(users.username, username))
      if (p === 'otherAdmin') expect(await made()).toEqual([{ t: other.tenantId }])
      // 200 with the row as an error (a scoped admin's user would be in none of their groups) writes nothing: refused.
      return { allowed: answer.status === 200 && (await made()).length === 1, unchanged: async () => (await made()).length === 0 }
    },
  }
  return rows
}

/**
 * Issue 19: Settings › Single sign-on and Settings › Provisioning (SCIM). The
 * test sign-in needs a provider that answers: a real oidc-provider on loopback.
 */
let provider: Promise<TestOidcProvider> | undefined
afterAll(async () => {
  await (await provider)?.close()
})

function identityProviderRows(): Record<string, Operation> {
  const connectionOf = async (tenantId: string) =>
    (await db.select().from(ssoConnections).where(eq(ssoConnections.tenantId, tenantId)))[0] ?? null
  const configure = async (issuerUrl = 'https://idp.example.com', extra: Record<string, string> = {}, as: Persona = 'admin') => {
    const saved = await saveSsoSettings(db, caller(as), {
      issuerUrl,
      clientId: 'matrix',
      clientSecret: 'matrix-secret',
      displayName: 'Matrix IdP',
      ...extra,
    })
    if (!saved.ok) throw new Error(JSON.stringify(saved))
  }
  const tokensOf = async (tenantId: string) => (await db.select().from(scimTokens).where(eq(scimTokens.tenantId, tenantId))).length
  const managesAdmins = async () =>
    (await db.select({ on: tenants.scimManagesAdmins }).from(tenants).where(eq(tenants.id, ws.tenantId)))[0]!.on
  return {
    saveSsoSettingsAction: {
      allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin configures their own workspace, never ours
      run: async (p) => {
        await configure()
        const name = `IdP ${Math.random().toString(36).slice(2, 8)}`
        const result = await saveSsoSettings(db, caller(p), {
          issuerUrl: 'https://idp.example.com',
          clientId: 'x',
          clientSecret: 's',
          displayName: name,
        })
        return { allowed: result.ok, unchanged: async () => (await connectionOf(ws.tenantId))?.displayName === 'Matrix IdP' }
      },
    },
    removeSsoAction: {
      allowed: ['admin', 'narrowedAdmin', 'otherAdmin'], // otherAdmin removes their own workspace's; ours stays
      run: async (p) => {
        await configure()
        if (p === 'otherAdmin') await configure(undefined, {}, 'otherAdmin')
        const result = await removeSso(db, caller(p))
        return { allowed: result.ok, unchanged: async () => (await connectionOf(ws.tenantId)) !== null }
      },
    },
    'GET /settings/single-sign-on/test': {
      allowed: ['admin', 'narrowedAdmin'], // otherAdmin's workspace has no provider: nothing of ours is tested
      run: async (p) => {
        provider ??= startOidcProvider({ redirectUris: [ssoRedirectUrl(ws.slug)] })
        const idp = await provider
        await configure(idp.issuer, { clientId: idp.clientId, clientSecret: idp.clientSecret })
        const tests = async () =>
          (
            await db
              .select()
              .from(ssoSignIns)
              .where(and(eq(ssoSignIns.tenantId, ws.tenantId), eq(ssoSignIns.purpose, 'test')))
          ).length
        const before = await tests()
        const result = await startTestSignIn(db, caller(p))
        return { allowed: result.ok, unchanged: async () => (await tests()) === before }
      },
    },
    // A SCIM token carries user management: only someone holding all of it may hand one out.
    generateScimTokenAction: {
      allowed: ['admin', 'otherAdmin'], // otherAdmin's token is for their own workspace
      run: async (p) => {
        const before = await tokensOf(ws.tenantId)
        const result = await generateScimToken(db, caller(p), { name: 'matrix' })
        if (p === 'otherAdmin' && result.ok)
          expect((await authenticateScimToken(db, `Bearer ${result.token}`, {}))?.actor.tenantId).toBe(other.tenantId)
        return { allowed: result.ok, unchanged: async () => (await tokensOf(ws.tenantId)) === before }
      },
    },
    revokeScimTokenAction: {
      allowed: ['admin', 'narrowedAdmin'],
      run: async (p) => {
        const made = await generateScimToken(db, caller('admin'), { name: 'to revoke' })
        if (!made.ok) throw new Error('scim token')
        const id = (await authenticateScimToken(db, `Bearer ${made.token}`, {}))!.tokenId
        const result = await revokeScimToken(db, caller(p), { id })
        return { allowed: result.ok, unchanged: async () => (await authenticateScimToken(db, `Bearer ${made.token}`, {})) !== null }
      },
    },
    // Letting the provider reach Admins takes an admin holding every permission.
    updateScimSettingsAction: {
      allowed: ['admin', 'otherAdmin'], // otherAdmin changes their own workspace's setting
      run: async (p) => {
        await updateScimSettings(db, caller('admin'), { managesAdmins: '' })
        const result = await updateScimSettings(db, caller(p), { managesAdmins: 'on' })
        const unchanged = async () => !(await managesAdmins())
        const outcome = { allowed: result.ok && (p === 'otherAdmin' || (await managesAdmins())), unchanged }
        if (p !== 'otherAdmin' && result.ok) await updateScimSettings(db, caller('admin'), { managesAdmins: '' })
        return outcome
      },
    },
  }
}

/**
 * Every SCIM route. Its credential is a SCIM token, not a user: a token our
 * admin generated (admin) works on our workspace; another workspace's token
 * (otherAdmin) lists and creates in its own and gets 404 for our ids; every
 * other persona's own credential (their API token) is refused with 401. A
 * refusal changes nothing of ours.
 */
function scimRows(): Record<string, Operation> {
  const tokens: Partial<Record<'ours' | 'theirs', Promise<string>>> = {}
  const credentialOf = async (p: Persona) => {
    if (p === 'admin') return (tokens.ours ??= scimTokenOf(db, ws))
    if (p === 'otherAdmin') return (tokens.theirs ??= scimTokenOf(db, other))
    const api = await createApiToken(db, caller(p), { ownerId: people[p].id, name: 'api' })
    if (!api.ok) throw new Error('token')
    return api.token
  }
  const row = (
    method: string,
    allowed: Persona[],
    setup: () => Promise<{
      path: string
      body?: unknown
      unchanged?: () => Promise<boolean>
      check?: (p: Persona, body: unknown) => Promise<void> | void
    }>,
  ): Operation => ({
    allowed,
    run: async (p) => {
      const s = await setup()
      const answer = await scimClient(await credentialOf(p))(method, s.path, s.body)
      expect([200, 201, 204, 401, 404], JSON.stringify(answer.body)).toContain(answer.status)
      if (answer.status < 300) await s.check?.(p, answer.body)
      return { allowed: answer.status < 300, unchanged: s.unchanged }
    },
  })
  const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
  const scimUser = async () => {
    const t = await target()
    return { t, path: `/scim/v2/Users/${t.id}` }
  }
  const scimGroup = async () => {
    const id = await targetGroup()
    return { id, path: `/scim/v2/Groups/${id}` }
  }
  const groupState = async (id: string) =>
    JSON.stringify([
      (await db.select({ name: groups.name }).from(groups).where(eq(groups.id, id)))[0] ?? null,
      (await db.select().from(userGroups).where(eq(userGroups.groupId, id))).length,
    ])
  const everyone: Persona[] = ['admin', 'otherAdmin']
  const discovery = (path: string) => row('GET', everyone, async () => ({ path }))
  return {
    'GET /scim/v2/Users': row('GET', everyone, async () => {
      const t = await target()
      return {
        path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${t.username}"`)}`,
        check: (p, body) => expect((body as { totalResults: number }).totalResults).toBe(p === 'admin' ? 1 : 0),
      }
    }),
    'POST /scim/v2/Users': row('POST', everyone, async () => {
      const userName = `scim.${Math.random().toString(36).slice(2, 10)}`
      const made = async () => db.select({ t: users.tenantId }).from(users).where(eq(users.username, userName))
      return {
        path: '/scim/v2/Users',
        body: { userName, name: { formatted: 'Scim Matrix' }, emails: [{ value: `${userName}@x.test` }] },
        unchanged: async () => (await made()).length === 0,
        check: async (p) => expect(await made()).toEqual([{ t: p === 'admin' ? ws.tenantId : other.tenantId }]),
      }
    }),
    'GET /scim/v2/Users/{id}': row('GET', ['admin'], async () => ({ path: (await scimUser()).path })),
    'PUT /scim/v2/Users/{id}': row('PUT', ['admin'], async () => {
      const { t, path } = await scimUser()
      return {
        path,
        body: { userName: t.username, name: { formatted: 'Renamed' }, emails: [{ value: t.email }] },
        unchanged: async () => (await versionOf(t.id)).v === 1,
      }
    }),
    'PATCH /scim/v2/Users/{id}': row('PATCH', ['admin'], async () => {
      const { t, path } = await scimUser()
      return {
        path,
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
        unchanged: async () => (await versionOf(t.id)).v === 1,
      }
    }),
    'DELETE /scim/v2/Users/{id}': row('DELETE', ['admin'], async () => {
      const { t, path } = await scimUser()
      return { path, unchanged: async () => (await versionOf(t.id)).d === null }
    }),
    'GET /scim/v2/Groups': row('GET', everyone, async () => {
      const { id } = await scimGroup()
      return {
        path: `/scim/v2/Groups?filter=${encodeURIComponent(`id eq "${id}"`)}`,
        check: (p, body) => expect((body as { totalResults: number }).totalResults).toBe(p === 'admin' ? 1 : 0),
      }
    }),
    'POST /scim/v2/Groups': row('POST', everyone, async () => {
      const name = `Scim group ${Math.random()}`
      const made = async () => db.select({ t: groups.tenantId }).from(groups).where(eq(groups.name, name))
      return {
        path: '/scim/v2/Groups',
        body: { displayName: name },
        unchanged: async () => (await made()).length === 0,
        check: async (p) => expect(await made()).toEqual([{ t: p === 'admin' ? ws.tenantId : other.tenantId }]),
      }
    }),
    'GET /scim/v2/Groups/{id}': row('GET', ['admin'], async () => ({ path: (await scimGroup()).path })),
    'PUT /scim/v2/Groups/{id}': row('PUT', ['admin'], async () => {
      const { id, path } = await scimGroup()
      const before = await groupState(id)
      return { path, body: { displayName: `Renamed ${Math.random()}` }, unchanged: async () => (await groupState(id)) === before }
    }),
    'PATCH /scim/v2/Groups/{id}': row('PATCH', ['admin'], async () => {
      const { id, path } = await scimGroup()
      const before = await groupState(id)
      return {
        path,
        body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: ws.admin.id }] }] },
        unchanged: async () => (await groupState(id)) === before,
      }
    }),
    'DELETE /scim/v2/Groups/{id}': row('DELETE', ['admin'], async () => {
      const { id, path } = await scimGroup()
      const before = await groupState(id)
      return { path, unchanged: async () => (await groupState(id)) === before }
    }),
    'GET /scim/v2/ServiceProviderConfig': discovery('/scim/v2/ServiceProviderConfig'),
    'GET /scim/v2/ResourceTypes': discovery('/scim/v2/ResourceTypes'),
    'GET /scim/v2/ResourceTypes/{id}': discovery('/scim/v2/ResourceTypes/User'),
    'GET /scim/v2/Schemas': discovery('/scim/v2/Schemas'),
    'GET /scim/v2/Schemas/{id}': discovery('/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'),
  }
}

/**
 * Issue 20: Settings › Webhooks and /api/v1/webhooks, against a fresh webhook
 * of our workspace each time (settings.manage; another workspace's admin makes
 * their own, and gets 404 for ours).
 */
function webhookRows(): Record<string, Operation> {
  const url = 'https://receiver.example.com/hooks'
  const ourWebhook = async () => {
    const made = await createWebhook(db, caller('admin'), { url, events: ['user.created'] })
    if (!made.ok) throw new Error(JSON.stringify(made))
    return made.id
  }
  const state = async (id: string) => JSON.stringify((await db.select().from(webhooks).where(eq(webhooks.id, id)))[0] ?? null)
  const deliveriesOf = async (id: string) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id))).length
  const audits = async (id: string, action: string) =>
    (
      await db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, action)))
    ).length
  const settingsManagers: Persona[] = ['admin', 'narrowedAdmin']
  const unchangedRow = (fn: (p: Persona, id: string) => Promise<{ ok: boolean }>, allowed: Persona[] = settingsManagers): Operation => ({
    allowed,
    run: async (p) => {
      const id = await ourWebhook()
      const before = await state(id)
      const result = await fn(p, id)
      return { allowed: result.ok, unchanged: async () => (await state(id)) === before && (await deliveriesOf(id)) === 0 }
    },
  })
  const api = apiRow
  return {
    createWebhookAction: {
      allowed: [...settingsManagers, 'otherAdmin'], // otherAdmin's webhook is of their own workspace: it gets none of our events
      run: async (p) => {
        const before = (await db.select().from(webhooks).where(eq(webhooks.tenantId, ws.tenantId))).length
        const result = await createWebhook(db, caller(p), { url, events: ['user.created'] })
        if (p === 'otherAdmin' && result.ok)
          expect((await db.select().from(webhooks).where(eq(webhooks.id, result.id)))[0]!.tenantId).toBe(other.tenantId)
        return {
          allowed: result.ok,
          unchanged: async () => (await db.select().from(webhooks).where(eq(webhooks.tenantId, ws.tenantId))).length === before,
        }
      },
    },
    updateWebhookAction: unchangedRow((p, id) =>
      updateWebhook(db, caller(p), { id, url: `${url}/moved`, events: ['user.created'], enabled: false }),
    ),
    deleteWebhookAction: unchangedRow((p, id) => deleteWebhook(db, caller(p), { id })),
    revealWebhookSecretAction: {
      allowed: settingsManagers,
      run: async (p) => {
        const id = await ourWebhook()
        const result = await revealWebhookSecret(db, caller(p), { id })
        return { allowed: result.ok, unchanged: async () => (await audits(id, 'webhook.secret_reveal')) === 0 }
      },
    },
    rotateWebhookSecretAction: unchangedRow((p, id) => rotateWebhookSecret(db, caller(p), { id })),
    sendTestEventAction: unchangedRow((p, id) => sendTestEvent(db, caller(p), { id })),
    redeliverAction: {
      allowed: settingsManagers,
      run: async (p) => {
        const id = await ourWebhook()
        await sendTestEvent(db, caller('admin'), { id })
        const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id))
        const result = await redeliver(db, caller(p), { id, deliveryId: delivery!.id })
        return { allowed: result.ok, unchanged: async () => (await deliveriesOf(id)) === 1 }
      },
    },
    'GET /api/v1/webhooks': api(listWebhooksRoute, 'GET', [...settingsManagers, 'otherAdmin'], async () => ({ path: '/api/v1/webhooks' })),
    'POST /api/v1/webhooks': api(postWebhookRoute, 'POST', [...settingsManagers, 'otherAdmin'], async () => {
      const before = (await db.select().from(webhooks).where(eq(webhooks.tenantId, ws.tenantId))).length
      return {
        path: '/api/v1/webhooks',
        body: { url, events: ['user.created'] },
        unchanged: async () => (await db.select().from(webhooks).where(eq(webhooks.tenantId, ws.tenantId))).length === before,
      }
    }),
    'GET /api/v1/webhooks/{id}': api(getWebhookRoute, 'GET', settingsManagers, async () => {
      const id = await ourWebhook()
      return { path: `/api/v1/webhooks/${id}`, params: { id } }
    }),
    'PATCH /api/v1/webhooks/{id}': api(patchWebhookRoute, 'PATCH', settingsManagers, async () => {
      const id = await ourWebhook()
      const before = await state(id)
      return {
        path: `/api/v1/webhooks/${id}`,
        params: { id },
        body: { version: 1, enabled: false },
        unchanged: async () => (await state(id)) === before,
      }
    }),
    'DELETE /api/v1/webhooks/{id}': api(deleteWebhookRoute, 'DELETE', settingsManagers, async () => {
      const id = await ourWebhook()
      return { path: `/api/v1/webhooks/${id}`, params: { id }, unchanged: async () => (await state(id)) !== 'null' }
    }),
  }
}

/** Actions and routes whose rule is "any signed-in user, for themselves" or no user at all (next-auth's own endpoints). */
// The OpenAPI document holds no data; the directory's credential is the secret in its path (app/directory tests).
const SELF_OR_PUBLIC = [
  'signIn',
  'signOut',
  // The theme cookie: a preference of the browser, no data read or written (app/_theme/theme-action.ts).
  'setTheme',
  'changePasswordAction',
  // The sign-in's second step and password links: no session yet; the credential is the step's cookie or the link's token (lib/auth tests).
  'verifyCodeAction',
  'confirmRequiredSetupAction',
  'requestResetAction',
  'setPasswordAction',
  // My account › Two-factor authentication: one's own, with a code (and the password to turn off).
  'turnOnTotpAction',
  'turnOffTwoFactorAction',
  // Passkeys: one's own (every query is scoped to the caller's user: lib/auth/passkeys.test.ts), and the sign-in step's.
  'passkeyRegistrationOptionsAction',
  'registerPasskeyAction',
  'removePasskeyAction',
  'passkeyOptionsAction',
  'verifyPasskeyAction',
  'GET /api/auth/{...nextauth}',
  'POST /api/auth/{...nextauth}',
  'GET /api/v1/openapi.json',
  // The balancer's health check: no data, no authentication (app/api/health/health.test.ts).
  'GET /api/health',
  'GET /directory/{secret}',
  // Single sign-on's start and callback: no session yet; the credential is the identity provider's answer, bound to the
  // browser's cookie (lib/sso/sso-sign-in.test.ts, e2e/auth/single-sign-on.spec.ts).
  'GET /sign-in/{workspace}/sso',
  'GET /sign-in/{workspace}/sso/callback',
]

function serverActions(): string[] {
  const names: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
        const text = fs.readFileSync(full, 'utf8')
        if (/^['"]use server['"]/.test(text))
          names.push(...[...text.matchAll(/^export (?:async function (\w+)|const (\w+) = serverAction)/gm)].map((m) => (m[1] ?? m[2])!))
      }
    }
  }
  walk(path.resolve('app'))
  return names.sort()
}

describe('permission matrix', () => {
  it('covers every server action and every route handler in the code', () => {
    const covered = new Set([...Object.keys(OPERATIONS).map((k) => k.replace(/ \(own\)$/, '')), ...SELF_OR_PUBLIC])
    expect(serverActions().filter((name) => !covered.has(name))).toEqual([])
    const routes = routeHandlers()
    expect(routes).toContain('GET /api/v1/users')
    expect(routes.filter((route) => !covered.has(route))).toEqual([])
  })

  for (const [name, op] of Object.entries(OPERATIONS)) {
    for (const persona of PERSONAS) {
      const expected = op.allowed.includes(persona)
      it(`${name} × ${persona} → ${expected ? 'allowed' : 'refused'}`, async () => {
        const outcome = await op.run(persona)
        expect(outcome.allowed).toBe(expected)
        if (!expected && outcome.unchanged) expect(await outcome.unchanged()).toBe(true)
      })
    }
  }
})

it('a refused cross-workspace update leaves the target as it was (by id, form field and bound argument alike)', async () => {
  const t = await target()
  const result = await updateUser(db, caller('otherAdmin'), { ...fields(t), id: t.id, version: 1 })
  expect(result).toMatchObject({ ok: false, formError: 'This user no longer exists.' })
  expect(
    await db
      .select({ n: users.fullName })
      .from(users)
      .where(and(eq(users.id, t.id), eq(users.tenantId, ws.tenantId))),
  ).toEqual([{ n: expect.not.stringMatching('Renamed') }])
})
