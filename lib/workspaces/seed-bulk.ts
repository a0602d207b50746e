import { eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { tenants } from '@/db/schema'
import { hashPassword } from '@/lib/auth/passwords'
import { createWorkspaceSchema, insertWorkspace } from '@/lib/workspaces/create-workspace'

const FIRST = [
  'Ada',
  'Bruno',
  'Chloé',
  'Dmitri',
  'Esther',
  'Farid',
  'Grace',
  'Henrik',
  'Ines',
  'Jamal',
  'Keiko',
  'Lars',
  'Maya',
  'Nikolai',
  'Olga',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Xavier',
  'Yara',
  'Zoltan',
  'Amara',
  'Björn',
  'Carmen',
  'Diego',
]
const LAST = [
  'Okafor',
  'Costa',
  'Dubois',
  'Volkov',
  'Haddad',
  'Lin',
  'Nilsson',
  'Garcia',
  'Smith',
  'Müller',
  'Rossi',
  'Kowalski',
  'Tanaka',
  'Singh',
  'Novak',
  'Jensen',
  'Silva',
  'Ahmed',
  'Kim',
  'Brown',
  "O'Neill",
  'Nakamura',
  'Ivanova',
  'Hernández',
  'Schmidt',
  'Dupont',
  'Larsen',
  'Popescu',
  'Fischer',
  'Moreau',
]
const DEPARTMENTS = ['Customer Support', 'Sales', 'Billing', 'Retention', 'Technical Support', 'Collections']
const GROUPS = [
  'Support',
  'Sales',
  'Billing',
  'Retention',
  'Escalations',
  'French line',
  'German line',
  'Spanish line',
  'Night shift',
  'Weekend',
  'VIP',
  'Onboarding',
  'Tier 1',
  'Tier 2',
  'Tier 3',
  'Outbound',
  'Inbound',
  'Chat',
  'Email',
  'Social',
]

export interface BulkSeedOptions {
  slug: string
  users: number
  adminPassword: string
}

const arr = (values: string[]) =>
  sql`(ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[])`

/**
 * A realistic large workspace, set-based (a few statements, not a loop), for
 * benchmarks: roles 5% Admin / 15% Supervisor / 80% Agent, half with a profile,
 * 85% with an extension (60% WebRTC), 0–3 groups each, 92% active, last logins
 * over 400 days (8% never: every Last login filter matches some). Replaces the workspace if it exists.
 */
export async function bulkSeed(db: Db, options: BulkSeedOptions): Promise<{ tenantId: string }> {
  const passwordHash = await hashPassword(options.adminPassword)
  const seeded = await db.transaction(async (tx) => {
    await tx.delete(tenants).where(eq(tenants.slug, options.slug))
    const { tenantId } = await insertWorkspace(
      tx,
      createWorkspaceSchema.parse({
        slug: options.slug,
        name: `Bench ${options.slug}`,
        adminUsername: 'admin',
        adminEmail: `admin@${options.slug}.bench.test`,
        adminPassword: options.adminPassword,
        adminFullName: 'Bench Admin',
      }),
      { userId: null, label: 'seed:bulk' },
    )
    const n = options.users
    await tx.execute(sql`SELECT setseed(0.42)`)
    await tx.execute(sql`
      INSERT INTO profiles (tenant_id, role, name, permissions)
      VALUES (${tenantId}, 'Admin', 'Telephony admin', ARRAY['users.read','extensions.manage','reports.read']),
             (${tenantId}, 'Admin', 'People admin', ARRAY['users.read','users.create','users.update','users.password']),
             (${tenantId}, 'Supervisor', 'Team lead', ARRAY['users.read','reports.read','users.export']),
             (${tenantId}, 'Supervisor', 'Reports only', ARRAY['reports.read']),
             (${tenantId}, 'Agent', 'Inbound agent', '{}'),
             (${tenantId}, 'Agent', 'Outbound agent', '{}')`)
    await tx.execute(sql`INSERT INTO groups (tenant_id, name) SELECT ${tenantId}, unnest(${arr(GROUPS)})`)
    // Extensions 100000.. so they never clash with the small numbers people type.
    const withExtension = Math.floor(n * 0.85)
    await tx.execute(sql`
      INSERT INTO extensions (tenant_id, number, type)
      SELECT ${tenantId}, (100000 + i)::text, CASE WHEN random() < 0.6 THEN 'WebRTC' ELSE 'SIP' END::extension_type
      FROM generate_series(1, ${withExtension}) AS i`)
    // Statistics for this workspace's rows, or the joins below are planned as if it had none.
    await tx.execute(sql`ANALYZE extensions, profiles, groups`)
    // The people first, into a table of this transaction shaped as users (ids from its default): their groups are
    // written before they are (below).
    await tx.execute(sql`CREATE TEMPORARY TABLE seed_people (LIKE users INCLUDING DEFAULTS) ON COMMIT DROP`)
    await tx.execute(sql`
      INSERT INTO seed_people (tenant_id, full_name, email, username, password_hash, role, profile_id, status, extension_id,
                               job_title, department, last_login_at, created_at, notes)
      WITH base AS (
        SELECT i,
               ${arr(FIRST)}[1 + floor(random() * ${FIRST.length})::int] AS first,
               ${arr(LAST)}[1 + floor(random() * ${LAST.length})::int] AS last,
               CASE WHEN random() < 0.05 THEN 'Admin' WHEN random() < 0.16 THEN 'Supervisor' ELSE 'Agent' END::role AS role,
               random() AS r
        FROM generate_series(1, ${n}) AS i
      ), ext AS (
        SELECT id, row_number() OVER (ORDER BY number) AS rn FROM extensions WHERE tenant_id = ${tenantId}
      ), prof AS (
        SELECT role, array_agg(id ORDER BY name) AS ids FROM profiles WHERE tenant_id = ${tenantId} GROUP BY role
      )
      SELECT ${tenantId}, b.first || ' ' || b.last,
             -- Accents out of the address as out of the username: a save through the form (or the API) must accept it.
             lower(translate(b.first || '.' || replace(b.last, '''', ''), 'éöüáíÉÖÜÁÍ', 'eouaiEOUAI') || '.' || b.i || '@' || ${options.slug} || '.example'),
             lower(left(translate(b.first, 'éöüáí', 'eouai'), 12) || '.' || b.i),
             ${passwordHash}, b.role,
             CASE WHEN b.r < 0.5 THEN prof.ids[1 + floor(random() * 2)::int] END,
             CASE WHEN random() < 0.92 THEN 'active' ELSE 'inactive' END::user_status,
             ext.id,
             CASE b.role WHEN 'Admin' THEN 'Administrator' WHEN 'Supervisor' THEN 'Team supervisor' ELSE 'Agent' END,
             ${arr(DEPARTMENTS)}[1 + floor(random() * ${DEPARTMENTS.length})::int],
             CASE WHEN random() < 0.92 THEN now() - random() * interval '400 days' END,
             now() - random() * interval '3 years',
             CASE WHEN random() < 0.1 THEN 'Speaks ' || ${arr(['French', 'German', 'Spanish', 'Polish', 'Japanese'])}[1 + floor(random() * 5)::int] ELSE '' END
      FROM base b
      JOIN prof ON prof.role = b.role
      LEFT JOIN ext ON ext.rn = b.i`)
    // Their groups before them, as an import writes them (user_groups_user_fk checked at commit): each user's row
    // is written once, its groups' names in its search text. (The membership trigger finds no member to rewrite.)
    await tx.execute(sql`SET CONSTRAINTS user_groups_user_fk DEFERRED`)
    await tx.execute(sql`
      INSERT INTO user_groups (tenant_id, user_id, group_id)
      SELECT DISTINCT p.tenant_id, p.id, g.ids[1 + floor(random() * array_length(g.ids, 1))::int]
      FROM seed_people p
      CROSS JOIN (SELECT array_agg(id) AS ids FROM groups WHERE tenant_id = ${tenantId}) g
      CROSS JOIN LATERAL generate_series(1, floor(random() * 4)::int + (p.id IS NULL)::int) AS k
      ON CONFLICT DO NOTHING`)
    // The search text of each user reads their groups: planned with these rows' statistics, not an empty table's
    // (a scan of user_groups per user: quadratic, 16 s for 12,000 users on PGlite).
    await tx.execute(sql`ANALYZE user_groups`)
    await tx.execute(sql`INSERT INTO users SELECT * FROM seed_people`)
    // Fresh statistics, or the planner guesses from empty tables (e.g. scans a group's members for 25 users).
    await tx.execute(sql`ANALYZE users, user_groups, groups, extensions, profiles`)
    return { tenantId }
  })
  // Without a vacuum the new rows have no visibility map (every index-only scan reads the table too), and
  // autovacuum would run in the middle of whatever is measured next.
  await db.execute(sql`VACUUM (ANALYZE) users, user_groups, extensions`)
  return seeded
}
