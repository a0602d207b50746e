-- The search index is one GIN over (tenant_id, search text): a workspace's
-- search then reads only its own rows' trigrams instead of rechecking matches
-- from every other workspace. btree_gin lets a uuid sit in a GIN index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
-- Group sizes differ per workspace: without these statistics the planner
-- multiplies the two selectivities and guesses a group's members three times
-- too low, which picks the wrong join for the Group filter.
CREATE STATISTICS IF NOT EXISTS user_groups_tenant_group_stats (mcv, dependencies) ON tenant_id, group_id FROM user_groups;
--> statement-breakpoint
ANALYZE user_groups;
