DROP INDEX "user_groups_group_idx";--> statement-breakpoint
CREATE INDEX "user_groups_group_idx" ON "user_groups" USING btree ("tenant_id","group_id","user_id");