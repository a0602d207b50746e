DROP INDEX "pending_sign_ins_token_key";--> statement-breakpoint
DROP INDEX "user_links_token_key";--> statement-breakpoint
CREATE INDEX "pending_sign_ins_token_idx" ON "pending_sign_ins" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "user_links_token_idx" ON "user_links" USING btree ("token_hash");--> statement-breakpoint
ALTER TABLE "pending_sign_ins" ADD CONSTRAINT "pending_sign_ins_tenant_token_key" UNIQUE("tenant_id","token_hash");--> statement-breakpoint
ALTER TABLE "user_links" ADD CONSTRAINT "user_links_tenant_token_key" UNIQUE("tenant_id","token_hash");