-- The early return of users_extension_holder_update asked NOT EXISTS over
-- old_rows JOIN new_rows. EXISTS is planned for its first row, so the planner
-- took a nested loop, and when no row matched (nearly always: most updates
-- don't touch extension_id) it compared every old row with every new one:
-- an UPDATE of 100,000 users (a group rename rewriting their search text, a
-- bulk seed) ran for many minutes. Counting the changed rows is planned as a
-- whole (a hash join): linear.
CREATE OR REPLACE FUNCTION users_extension_holder_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  -- Only rows whose extension changed: a sign-in that updates last_login_at writes nothing here.
  -- Returning early also matters because statement triggers fire for zero rows: the extensions
  -- search-text trigger updates users, which would otherwise call this again, and so on.
  SELECT count(*) INTO changed
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
   WHERE o.extension_id IS DISTINCT FROM n.extension_id;
  IF changed = 0 THEN RETURN NULL; END IF;
  UPDATE extensions e SET user_id = NULL
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
   WHERE o.extension_id IS DISTINCT FROM n.extension_id
     AND e.tenant_id = o.tenant_id AND e.id = o.extension_id AND e.user_id = o.id;
  UPDATE extensions e SET user_id = n.id
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
   WHERE o.extension_id IS DISTINCT FROM n.extension_id
     AND e.tenant_id = n.tenant_id AND e.id = n.extension_id;
  RETURN NULL;
END
$$;
