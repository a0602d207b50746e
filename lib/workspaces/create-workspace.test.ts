import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { ZodError } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { auditEntries, tenants, users } from '@/db/schema'
import { uniqueSuffix } from '@/testing/fixtures'
import { verifyCredentials } from '@/lib/auth/verify-credentials'
import { WorkspaceExistsError, createWorkspace } from './create-workspace'

let db: Db
beforeAll(async () => {
  db = await getDb()
})

const input = (slug: string) => ({
  slug,
  name: 'Acme Calls',
  adminUsername: 'ada',
  adminEmail: 'ada@acme.test',
  adminPassword: 'a-long-enough-password',
})
const operator = { userId: null, label: 'operator (cli)' }

describe('createWorkspace', () => {
  it('creates the workspace and an admin who can sign in, and audits both without the password', async () => {
    const slug = `acme-${uniqueSuffix()}`
    const { tenantId, adminUserId } = await createWorkspace(db, input(slug), operator)
    const [admin] = await db.select().from(users).where(eq(users.tenantId, tenantId))
    expect(admin).toMatchObject({ id: adminUserId, role: 'Admin', status: 'active', username: 'ada' })
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$/)
    const result = await verifyCredentials(
      db,
      { workspace: slug, identifier: 'ada', password: 'a-long-enough-password' },
      { ip: null, userAgent: '' },
    )
    expect(result.ok).toBe(true)
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.tenantId, tenantId))
    expect(audit.map((a) => a.action).sort()).toEqual(['user.create', 'workspace.create'])
    expect(JSON.stringify(audit)).not.toContain('a-long-enough-password')
  })

  it('refuses a taken slug and leaves nothing half-created', async () => {
    const slug = `dup-${uniqueSuffix()}`
    await createWorkspace(db, input(slug), operator)
    await expect(createWorkspace(db, { ...input(slug), adminUsername: 'other' }, operator)).rejects.toThrow(WorkspaceExistsError)
    const rows = await db.select().from(tenants).where(eq(tenants.slug, slug))
    expect(rows).toHaveLength(1)
    const admins = await db.select().from(users).where(eq(users.tenantId, rows[0]!.id))
    expect(admins.map((u) => u.username)).toEqual(['ada'])
  })

  it.each([
    ['bad slug', { slug: '-Nope!' }],
    ['bad username', { adminUsername: 'Has Space' }],
    ['bad email', { adminEmail: 'not-an-email' }],
    ['short password', { adminPassword: 'short' }],
    ['empty name', { name: '  ' }],
  ])('rejects %s before touching the database', async (_name, override) => {
    const slug = `bad-${uniqueSuffix()}`
    await expect(createWorkspace(db, { ...input(slug), ...override }, operator)).rejects.toThrow(ZodError)
    expect(await db.select().from(tenants).where(eq(tenants.slug, slug))).toHaveLength(0)
  })
})

describe('npm run workspace:create', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-'))
  const run = (args: string[]) =>
    spawnSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/workspace-create.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    })
  const good = [
    '--slug',
    'acme',
    '--name',
    'Acme',
    '--admin-username',
    'ada',
    '--admin-email',
    'ada@acme.test',
    '--admin-password',
    'a-long-enough-password',
  ]

  it('prints usage and exits non-zero on bad or missing arguments, creating nothing', () => {
    const missing = run(['--slug', 'acme'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('Usage: npm run workspace:create')
    expect(missing.stderr).toContain('--name')
    const unknown = run([...good, '--colour', 'blue'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/)
    const weak = run([...good.slice(0, -1), 'short'])
    expect(weak.status).toBe(2)
    expect(weak.stderr).toContain('--admin-password')
  })

  it('creates a workspace, then refuses the same slug', () => {
    const first = run(good)
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('Created workspace "acme"')
    const again = run(good)
    expect(again.status).toBe(2)
    expect(again.stderr).toContain('already exists')
  })
})
