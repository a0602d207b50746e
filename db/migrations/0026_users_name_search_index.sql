-- A search's first page by name (issue 21): the walk in name order tests each user's search text from this index
-- alone instead of visiting every walked user's heap row (100,000 users, a search matching 3%: 4.5 → 0.4 ms).
-- (db/schema.ts declares the index without INCLUDE: drizzle-kit doesn't model it; this is its full definition.)
CREATE INDEX "users_tenant_name_search_idx" ON "users" USING btree ("tenant_id","full_name","id")
  INCLUDE ("search_text")
  WHERE "users"."deleted_at" IS NULL;
