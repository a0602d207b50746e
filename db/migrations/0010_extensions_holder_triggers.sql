-- extensions.user_id mirrors users.extension_id (the user holding the
-- extension), kept by these triggers, so that "free extensions" is an index
-- read (extensions_tenant_free_idx) instead of an anti-join over every user.
-- users.extension_id stays the truth; the unique index on it still decides.
CREATE FUNCTION users_extension_holder_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE extension_id IS NOT NULL) THEN RETURN NULL; END IF;
  UPDATE extensions e SET user_id = n.id
    FROM new_rows n
   WHERE e.tenant_id = n.tenant_id AND e.id = n.extension_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_extension_holder_insert
  AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_extension_holder_insert();
--> statement-breakpoint
CREATE FUNCTION users_extension_holder_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose extension changed: a sign-in that updates last_login_at writes nothing here.
  -- Returning early also matters because statement triggers fire for zero rows: the extensions
  -- search-text trigger updates users, which would otherwise call this again, and so on.
  IF NOT EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
     WHERE o.extension_id IS DISTINCT FROM n.extension_id
  ) THEN RETURN NULL; END IF;
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
--> statement-breakpoint
CREATE TRIGGER users_extension_holder_update
  AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_extension_holder_update();
--> statement-breakpoint
CREATE FUNCTION users_extension_holder_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows WHERE extension_id IS NOT NULL) THEN RETURN NULL; END IF;
  UPDATE extensions e SET user_id = NULL
    FROM old_rows o
   WHERE e.tenant_id = o.tenant_id AND e.id = o.extension_id AND e.user_id = o.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_extension_holder_delete
  AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_extension_holder_delete();
