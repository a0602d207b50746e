-- Who is signed in changes when a dashboard session opens or ends: tell every
-- app instance (LISTEN switchboard_sessions), once per statement and
-- workspace, so live boards refresh within seconds whichever instance (or bulk
-- action, or import) made the change. NOTIFY is sent at commit: never for a
-- rolled-back change. The once-a-minute last-seen touch notifies nobody.
CREATE FUNCTION dashboard_sessions_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR t IN SELECT DISTINCT tenant_id FROM changed_new LOOP
      PERFORM pg_notify('switchboard_sessions', t::text);
    END LOOP;
  ELSE
    FOR t IN
      SELECT DISTINCT n.tenant_id FROM changed_new n JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
      WHERE o.ended_at IS DISTINCT FROM n.ended_at
    LOOP
      PERFORM pg_notify('switchboard_sessions', t::text);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER dashboard_sessions_notify_insert
  AFTER INSERT ON dashboard_sessions REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_notify();
--> statement-breakpoint
CREATE TRIGGER dashboard_sessions_notify_update
  AFTER UPDATE ON dashboard_sessions REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_notify();
