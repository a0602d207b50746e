CREATE INDEX "users_tenant_last_login_idx" ON "users" USING btree ("tenant_id",coalesce("last_login_at", '-infinity'::timestamptz),"id") WHERE "users"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_tenant_created_idx" ON "users" USING btree ("tenant_id","created_at","id") WHERE "users"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_tenant_role_idx" ON "users" USING btree ("tenant_id","role","id") WHERE "users"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_tenant_status_idx" ON "users" USING btree ("tenant_id","status","id") WHERE "users"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "users_tenant_force_login_idx" ON "users" USING btree ("tenant_id","force_login","id") WHERE "users"."deleted_at" IS NULL;