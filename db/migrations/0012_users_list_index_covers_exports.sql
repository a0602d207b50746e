-- The name-ordered users index also carries the columns an export reads, so
-- exporting a workspace by name is an index-only read instead of 100,000 heap
-- visits in name order. (db/schema.ts declares the index without INCLUDE:
-- drizzle-kit doesn't model it; this migration is its full definition.)
DROP INDEX IF EXISTS "users_tenant_list_idx";
--> statement-breakpoint
CREATE INDEX "users_tenant_list_idx" ON "users" USING btree ("tenant_id", "full_name", "id")
  INCLUDE ("username", "email", "role", "status", "force_login", "last_login_at", "created_at", "extension_id", "profile_id")
  WHERE "users"."deleted_at" IS NULL;
