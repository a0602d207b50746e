ALTER TABLE "extensions" ADD COLUMN "user_id" uuid;--> statement-breakpoint
-- Filled before the index is built, so the index starts without an entry per held extension.
UPDATE extensions e SET user_id = u.id
  FROM users u
 WHERE u.tenant_id = e.tenant_id AND u.extension_id = e.id;
--> statement-breakpoint
CREATE INDEX "extensions_tenant_free_idx" ON "extensions" USING btree ("tenant_id",length("number"),"number") WHERE "extensions"."user_id" IS NULL;