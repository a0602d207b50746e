-- Role and status together (issue 21: inactive supervisors in a million-user workspace): the capped count reads the
-- pair's entries by index only, instead of every user of one status re-checked for the role.
CREATE INDEX "users_tenant_status_role_idx" ON "users" USING btree ("tenant_id","status","role","id") WHERE "users"."deleted_at" IS NULL;