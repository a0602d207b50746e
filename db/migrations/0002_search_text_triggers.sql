-- users.search_text is what the users list searches (trigram index). These
-- triggers keep it current whatever changes: the user, their extension's number,
-- their profile's name, their groups' names, or their group memberships.
CREATE FUNCTION users_search_text(u users) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT lower(concat_ws(' ',
    u.full_name, u.email, u.username, u.notes,
    (SELECT e.number FROM extensions e WHERE e.tenant_id = u.tenant_id AND e.id = u.extension_id),
    (SELECT p.name FROM profiles p WHERE p.tenant_id = u.tenant_id AND p.id = u.profile_id),
    (SELECT string_agg(g.name, ' ' ORDER BY g.name)
       FROM user_groups ug JOIN groups g ON g.tenant_id = ug.tenant_id AND g.id = ug.group_id
      WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id)))
$$;
--> statement-breakpoint
CREATE FUNCTION users_search_text_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := users_search_text(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_search_text_row
  BEFORE INSERT OR UPDATE OF full_name, email, username, notes, extension_id, profile_id ON users
  FOR EACH ROW EXECUTE FUNCTION users_search_text_row();
--> statement-breakpoint
CREATE FUNCTION user_groups_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users u SET search_text = users_search_text(u)
    FROM (SELECT DISTINCT tenant_id, user_id FROM changed) c
   WHERE u.tenant_id = c.tenant_id AND u.id = c.user_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER user_groups_search_text_insert
  AFTER INSERT ON user_groups REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION user_groups_search_text();
--> statement-breakpoint
CREATE TRIGGER user_groups_search_text_delete
  AFTER DELETE ON user_groups REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION user_groups_search_text();
--> statement-breakpoint
CREATE FUNCTION extensions_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users u SET search_text = users_search_text(u)
    FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   WHERE n.number IS DISTINCT FROM o.number AND u.tenant_id = n.tenant_id AND u.extension_id = n.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER extensions_search_text
  AFTER UPDATE ON extensions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION extensions_search_text();
--> statement-breakpoint
CREATE FUNCTION profiles_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users u SET search_text = users_search_text(u)
    FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   WHERE n.name IS DISTINCT FROM o.name AND u.tenant_id = n.tenant_id AND u.profile_id = n.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_search_text
  AFTER UPDATE ON profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION profiles_search_text();
--> statement-breakpoint
CREATE FUNCTION groups_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users u SET search_text = users_search_text(u)
    FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
    JOIN user_groups ug ON ug.tenant_id = n.tenant_id AND ug.group_id = n.id
   WHERE n.name IS DISTINCT FROM o.name AND u.tenant_id = ug.tenant_id AND u.id = ug.user_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER groups_search_text
  AFTER UPDATE ON groups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION groups_search_text();
