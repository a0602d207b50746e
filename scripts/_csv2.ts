import { eq, sql } from 'drizzle-orm'
import { openDb } from '@/db/client'
import { tenants } from '@/db/schema'
const h = await openDb({ url: process.env.DATABASE_URL })
const [t] = await h.db.select().from(tenants).where(eq(tenants.slug, 'bench'))
const r = await h.db.execute(sql.raw(`EXPLAIN (ANALYZE, BUFFERS) SELECT u.id, lower(u.full_name), u.full_name, u.username, u.email, e.number, e.type, u.role, p.name,
 (SELECT array_agg(ug.group_id) FROM user_groups ug WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id), u.status, u.force_login, u.last_login_at, u.created_at
 FROM users u LEFT JOIN extensions e ON e.tenant_id = u.tenant_id AND e.id = u.extension_id LEFT JOIN profiles p ON p.tenant_id = u.tenant_id AND p.id = u.profile_id
 WHERE u.tenant_id = '${t!.id}' AND u.deleted_at IS NULL AND (lower(u.full_name), u.id) > ('maya', '00000000-0000-0000-0000-000000000000'::uuid) ORDER BY lower(u.full_name), u.id LIMIT 1000`))
console.log((r as any).rows.map((x: any) => x['QUERY PLAN']).join('\n'))
await h.close()
