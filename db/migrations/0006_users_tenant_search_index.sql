DROP INDEX "users_search_trgm_idx";--> statement-breakpoint
CREATE INDEX "users_tenant_search_idx" ON "users" USING gin ("tenant_id","search_text" gin_trgm_ops) WHERE "users"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_tenant_live_idx" ON "users" USING btree ("tenant_id","id") WHERE "users"."deleted_at" IS NULL;