-- Indexes behind two foreign keys (issue 21): removing a user checked users.deleted_by and cascaded to
-- import_job_users by reading each table whole, once per user (35 ms a user at 100,000 users).
CREATE INDEX "import_job_users_user_idx" ON "import_job_users" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "users_tenant_deleted_by_idx" ON "users" USING btree ("tenant_id","deleted_by") WHERE "users"."deleted_by" IS NOT NULL;