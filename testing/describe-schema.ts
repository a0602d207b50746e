import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'

/**
 * A normalised description of the public schema (tables, columns, constraints,
 * indexes, enums, extensions), to compare two databases built by the same migrations.
 */
export interface SchemaDescription {
  columns: string[]
  constraints: string[]
  indexes: string[]
  enums: string[]
  extensions: string[]
  functions: string[]
  triggers: string[]
}

export async function describeSchema(db: Db): Promise<SchemaDescription> {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: { d: string }[] }).rows.map((r) => r.d)
  return {
    columns: await rows(sql`
      SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS d
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`),
    constraints: await rows(sql`
      SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1`),
    indexes: await rows(sql`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
    enums: await rows(sql`
      SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS d
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1`),
    extensions: await rows(sql`SELECT extname AS d FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`),
    // Our own functions only: those of extensions (pg_trgm) may differ by server version.
    functions: await rows(sql`
      SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc) AS d
      FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1`),
    triggers: await rows(sql`
      SELECT tgrelid::regclass::text || ' ' || pg_get_triggerdef(oid) AS d FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`),
  }
}
