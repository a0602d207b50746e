import crypto from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { extensions, groups, profiles, tenants, userGroups, users, type ExtensionType, type Role } from '@/db/schema'
import { insertWorkspace, createWorkspaceSchema } from '@/lib/workspaces/create-workspace'
import { hashPassword } from '@/lib/auth/passwords'
import { generateSecret, parseKey, seal, sipSecretAad } from '@/lib/crypto/secret-box'

export const DEMO = {
  workspace: 'demo',
  name: 'Demo Contact Centre',
  adminUsername: 'admin',
  adminEmail: 'admin@demo.switchboard.test',
  adminPassword: 'switchboard-demo',
} as const

const OPERATOR = { userId: null, label: 'seed' }

interface DemoUser {
  fullName: string
  username: string
  role: Role
  profile?: string
  groups: string[]
  extension?: { number: string; type: ExtensionType }
  jobTitle: string
  department: string
  mobile?: string
  status?: 'active' | 'inactive'
  forceLogin?: boolean
  notes?: string
}

const DEMO_USERS: DemoUser[] = [
  {
    fullName: 'Amelia Hart',
    username: 'amelia.hart',
    role: 'Supervisor',
    profile: 'Team lead',
    groups: ['Support', 'Escalations'],
    extension: { number: '201', type: 'SIP' },
    jobTitle: 'Support team lead',
    department: 'Customer Support',
    mobile: '+447911123456',
  },
  {
    fullName: 'Bruno Costa',
    username: 'bruno.costa',
    role: 'Agent',
    groups: ['Support'],
    extension: { number: '202', type: 'WebRTC' },
    jobTitle: 'Support agent',
    department: 'Customer Support',
    forceLogin: true,
  },
  {
    fullName: 'Chloé Dubois',
    username: 'chloe.dubois',
    role: 'Agent',
    groups: ['Support', 'French line'],
    extension: { number: '203', type: 'SIP' },
    jobTitle: 'Support agent (FR)',
    department: 'Customer Support',
    notes: 'Covers the French line on Tuesdays and Thursdays.',
  },
  {
    fullName: 'Dmitri Volkov',
    username: 'dmitri.volkov',
    role: 'Agent',
    groups: ['Sales'],
    extension: { number: '301', type: 'WebRTC' },
    jobTitle: 'Account executive',
    department: 'Sales',
    mobile: '+14155550142',
  },
  {
    fullName: 'Esther Okafor',
    username: 'esther.okafor',
    role: 'Supervisor',
    profile: 'Reports only',
    groups: ['Sales'],
    extension: { number: '302', type: 'SIP' },
    jobTitle: 'Sales manager',
    department: 'Sales',
  },
  {
    fullName: 'Farid Haddad',
    username: 'farid.haddad',
    role: 'Agent',
    groups: ['Billing'],
    extension: { number: '401', type: 'WebRTC' },
    jobTitle: 'Billing specialist',
    department: 'Finance',
  },
  {
    fullName: 'Grace Lin',
    username: 'grace.lin',
    role: 'Admin',
    profile: 'Telephony admin',
    groups: [],
    extension: { number: '100', type: 'SIP' },
    jobTitle: 'Telephony engineer',
    department: 'IT',
  },
  {
    fullName: 'Henrik Nilsson',
    username: 'henrik.nilsson',
    role: 'Agent',
    groups: ['Support', 'Night shift'],
    jobTitle: 'Support agent',
    department: 'Customer Support',
    status: 'inactive',
    notes: 'On parental leave until March.',
  },
]

const DEMO_PROFILES: { name: string; role: Role; permissions: string[]; description: string }[] = [
  {
    name: 'Team lead',
    role: 'Supervisor',
    permissions: ['users.read', 'reports.read', 'users.export'],
    description: 'Sees the team, its reports and exports.',
  },
  { name: 'Reports only', role: 'Supervisor', permissions: ['reports.read'], description: 'Reports, nothing else.' },
  {
    name: 'Telephony admin',
    role: 'Admin',
    permissions: ['users.read', 'extensions.manage', 'reports.read'],
    description: 'Looks after extensions and phones.',
  },
]

const DEMO_GROUPS = ['Support', 'Sales', 'Billing', 'Escalations', 'French line', 'Night shift']
const SPARE_EXTENSIONS: { number: string; type: ExtensionType }[] = [
  { number: '204', type: 'WebRTC' },
  { number: '205', type: 'SIP' },
  { number: '303', type: 'WebRTC' },
]

/**
 * Creates the demo workspace once; does nothing if it exists. Everyone but the
 * admin gets a random password: the demo is for looking around as `admin`.
 */
export async function seedDemo(db: Db, encryptionKey: string): Promise<{ created: boolean }> {
  const existing = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO.workspace)).limit(1)
  if (existing.length) return { created: false }
  const key = parseKey(encryptionKey)

  await db.transaction(async (tx) => {
    const { tenantId } = await insertWorkspace(
      tx,
      createWorkspaceSchema.parse({
        slug: DEMO.workspace,
        name: DEMO.name,
        adminUsername: DEMO.adminUsername,
        adminEmail: DEMO.adminEmail,
        adminPassword: DEMO.adminPassword,
        adminFullName: 'Demo Admin',
      }),
      OPERATOR,
    )

    const profileIds = new Map<string, string>()
    for (const p of DEMO_PROFILES) {
      const [row] = await tx
        .insert(profiles)
        .values({ tenantId, ...p })
        .returning({ id: profiles.id })
      profileIds.set(p.name, row!.id)
    }
    const groupIds = new Map<string, string>()
    for (const name of DEMO_GROUPS) {
      const [row] = await tx.insert(groups).values({ tenantId, name }).returning({ id: groups.id })
      groupIds.set(name, row!.id)
    }

    const addExtension = async (number: string, type: ExtensionType) => {
      // The id is chosen here because the sealed secret is bound to it.
      const id = crypto.randomUUID()
      const sealed = seal(generateSecret(20), key, sipSecretAad(tenantId, id))
      await tx
        .insert(extensions)
        .values({ tenantId, id, number, type, sipSecretCiphertext: sealed.ciphertext, sipSecretKeyId: sealed.keyId })
      return id
    }

    const placeholderHash = await hashPassword(generateSecret(24))
    for (const u of DEMO_USERS) {
      const extensionId = u.extension ? await addExtension(u.extension.number, u.extension.type) : null
      const [row] = await tx
        .insert(users)
        .values({
          tenantId,
          fullName: u.fullName,
          username: u.username,
          email: `${u.username}@demo.switchboard.test`,
          passwordHash: placeholderHash,
          role: u.role,
          profileId: u.profile ? profileIds.get(u.profile)! : null,
          status: u.status ?? 'active',
          forceLogin: u.forceLogin ?? false,
          extensionId,
          jobTitle: u.jobTitle,
          department: u.department,
          mobile: u.mobile ?? '',
          notes: u.notes ?? '',
        })
        .returning({ id: users.id })
      for (const g of u.groups) await tx.insert(userGroups).values({ tenantId, userId: row!.id, groupId: groupIds.get(g)! })
    }
    for (const e of SPARE_EXTENSIONS) await addExtension(e.number, e.type)
  })
  return { created: true }
}
