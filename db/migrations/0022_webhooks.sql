CREATE TABLE "eligibility_checks" (
	"tenant_id" uuid NOT NULL,
	"extension_id" uuid NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eligibility_checks_pkey" PRIMARY KEY("tenant_id","extension_id")
);
--> statement-breakpoint
CREATE TABLE "extension_eligibility" (
	"tenant_id" uuid NOT NULL,
	"extension_id" uuid NOT NULL,
	"allowed" boolean NOT NULL,
	"reason" text NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_eligibility_pkey" PRIMARY KEY("tenant_id","extension_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"data" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_duration_ms" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "webhook_deliveries_status" CHECK ("webhook_deliveries"."status" IN ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_key_id" text NOT NULL,
	"previous_secret_ciphertext" text,
	"previous_secret_key_id" text,
	"previous_secret_until" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"disabled_reason" text,
	"delivering_until" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhooks_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "webhooks_previous_secret_complete" CHECK (("webhooks"."previous_secret_ciphertext" IS NULL) = ("webhooks"."previous_secret_key_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "eligibility_checks" ADD CONSTRAINT "eligibility_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_eligibility" ADD CONSTRAINT "extension_eligibility_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_eligibility" ADD CONSTRAINT "extension_eligibility_extension_fk" FOREIGN KEY ("tenant_id","extension_id") REFERENCES "public"."extensions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_fk" FOREIGN KEY ("tenant_id","webhook_id") REFERENCES "public"."webhooks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extension_eligibility_allowed_idx" ON "extension_eligibility" USING btree ("tenant_id","extension_id") WHERE "extension_eligibility"."allowed";--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("tenant_id","webhook_id","seq") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_recent_idx" ON "webhook_deliveries" USING btree ("tenant_id","webhook_id","seq");--> statement-breakpoint
-- Webhook events are written by the database, in the transaction of the change, whatever made it (a form, the API,
-- SCIM, an import, a bulk edit): a rolled-back change sends nothing, a committed one is never lost, and no code path
-- can forget one. Each event row gets one id for every webhook that wants it. Workspaces without an enabled
-- webhook pay one look-up per statement. Instances wake on NOTIFY switchboard_webhooks (sent at commit).
CREATE FUNCTION webhook_emit(events jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  -- events: [{tenant_id, type, data}], in the order they happened.
  WITH e AS MATERIALIZED (
    SELECT (x.value ->> 'tenant_id')::uuid AS tenant_id, x.value ->> 'type' AS type, x.value -> 'data' AS data,
           gen_random_uuid() AS event_id, x.ordinality AS ord
      FROM jsonb_array_elements(events) WITH ORDINALITY x
  )
  INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_id, event_type, data)
  SELECT e.tenant_id, w.id, e.event_id, e.type, e.data
    FROM e JOIN webhooks w ON w.tenant_id = e.tenant_id AND w.enabled AND e.type = ANY (w.events)
   ORDER BY e.ord, w.id;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN PERFORM pg_notify('switchboard_webhooks', 'deliver'); END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION webhook_user_data(u users) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', u.id, 'username', u.username, 'fullName', u.full_name, 'email', u.email, 'role', u.role, 'status', u.status,
    'extension', (SELECT x.number FROM extensions x WHERE x.tenant_id = u.tenant_id AND x.id = u.extension_id),
    'forceLogin', u.force_login, 'jobTitle', u.job_title, 'department', u.department, 'externalId', u.external_id)
$$;
--> statement-breakpoint
CREATE FUNCTION users_webhook_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_emit(coalesce(jsonb_agg(jsonb_build_object('tenant_id', n.tenant_id, 'type', 'user.created', 'data', webhook_user_data(n))), '[]'))
     FROM new_rows n WHERE n.deleted_at IS NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_webhook_insert
  AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_webhook_insert();
--> statement-breakpoint
-- user.deleted / user.restored (with the user as they now are), user.activated / user.deactivated, and
-- user.updated with only the fields that changed (never a password, hash, secret or internal counter).
CREATE FUNCTION users_webhook_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_emit(coalesce(jsonb_agg(ev ORDER BY id, kind), '[]')) FROM (
    SELECT 1 AS kind, n.id, jsonb_build_object('tenant_id', n.tenant_id,
             'type', CASE WHEN n.deleted_at IS NULL THEN 'user.restored' ELSE 'user.deleted' END,
             'data', webhook_user_data(n)) AS ev
      FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
     WHERE (o.deleted_at IS NULL) <> (n.deleted_at IS NULL)
    UNION ALL
    SELECT 2, n.id, jsonb_build_object('tenant_id', n.tenant_id,
             'type', CASE WHEN n.status = 'active' THEN 'user.activated' ELSE 'user.deactivated' END,
             'data', webhook_user_data(n))
      FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
     WHERE o.deleted_at IS NULL AND n.deleted_at IS NULL AND o.status <> n.status
    UNION ALL
    SELECT 3, c.id, jsonb_build_object('tenant_id', c.tenant_id, 'type', 'user.updated',
             'data', jsonb_build_object('id', c.id, 'username', c.username, 'changes', c.changes))
      FROM (
        SELECT n.tenant_id, n.id, n.username,
          CASE WHEN o.full_name IS DISTINCT FROM n.full_name THEN jsonb_build_object('fullName', n.full_name) ELSE '{}' END
          || CASE WHEN o.email IS DISTINCT FROM n.email THEN jsonb_build_object('email', n.email) ELSE '{}' END
          || CASE WHEN o.username IS DISTINCT FROM n.username THEN jsonb_build_object('username', n.username) ELSE '{}' END
          || CASE WHEN o.notes IS DISTINCT FROM n.notes THEN jsonb_build_object('notes', n.notes) ELSE '{}' END
          || CASE WHEN o.job_title IS DISTINCT FROM n.job_title THEN jsonb_build_object('jobTitle', n.job_title) ELSE '{}' END
          || CASE WHEN o.department IS DISTINCT FROM n.department THEN jsonb_build_object('department', n.department) ELSE '{}' END
          || CASE WHEN o.mobile IS DISTINCT FROM n.mobile THEN jsonb_build_object('mobile', n.mobile) ELSE '{}' END
          || CASE WHEN o.hide_from_directory IS DISTINCT FROM n.hide_from_directory
                  THEN jsonb_build_object('hideFromDirectory', n.hide_from_directory) ELSE '{}' END
          || CASE WHEN o.role IS DISTINCT FROM n.role THEN jsonb_build_object('role', n.role) ELSE '{}' END
          || CASE WHEN o.profile_id IS DISTINCT FROM n.profile_id THEN jsonb_build_object('profileId', n.profile_id) ELSE '{}' END
          || CASE WHEN o.force_login IS DISTINCT FROM n.force_login THEN jsonb_build_object('forceLogin', n.force_login) ELSE '{}' END
          || CASE WHEN o.extension_id IS DISTINCT FROM n.extension_id THEN jsonb_build_object('extension',
               (SELECT x.number FROM extensions x WHERE x.tenant_id = n.tenant_id AND x.id = n.extension_id)) ELSE '{}' END
          || CASE WHEN o.external_id IS DISTINCT FROM n.external_id THEN jsonb_build_object('externalId', n.external_id) ELSE '{}' END
          AS changes
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
        -- A delete or restore says it all itself (it also frees or gives back the extension).
        WHERE o.deleted_at IS NULL AND n.deleted_at IS NULL
      ) c
     WHERE c.changes <> '{}'
  ) events;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_webhook_update
  AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_webhook_update();
--> statement-breakpoint
CREATE FUNCTION extensions_webhook() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows)) THEN
      PERFORM webhook_emit(coalesce(jsonb_agg(jsonb_build_object('tenant_id', n.tenant_id, 'type', 'extension.created',
        'data', jsonb_build_object('id', n.id, 'number', n.number, 'type', n.type, 'voicemailEnabled', n.voicemail_enabled))), '[]'))
        FROM new_rows n;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM old_rows)) THEN
      PERFORM webhook_emit(coalesce(jsonb_agg(jsonb_build_object('tenant_id', o.tenant_id, 'type', 'extension.deleted',
        'data', jsonb_build_object('id', o.id, 'number', o.number))), '[]'))
        FROM old_rows o;
    END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows)) THEN
      -- Only what a PBX cares about: never the SIP secret or voicemail PIN, nor who holds it (users' events say that).
      PERFORM webhook_emit(coalesce(jsonb_agg(jsonb_build_object('tenant_id', c.tenant_id, 'type', 'extension.updated',
        'data', jsonb_build_object('id', c.id, 'number', c.number, 'changes', c.changes))), '[]'))
        FROM (
          SELECT n.tenant_id, n.id, n.number,
            CASE WHEN o.number IS DISTINCT FROM n.number THEN jsonb_build_object('number', n.number) ELSE '{}' END
            || CASE WHEN o.type IS DISTINCT FROM n.type THEN jsonb_build_object('type', n.type) ELSE '{}' END
            || CASE WHEN o.voicemail_enabled IS DISTINCT FROM n.voicemail_enabled
                    THEN jsonb_build_object('voicemailEnabled', n.voicemail_enabled) ELSE '{}' END
            || CASE WHEN o.voicemail_email IS DISTINCT FROM n.voicemail_email
                    THEN jsonb_build_object('voicemailEmail', n.voicemail_email) ELSE '{}' END
            || CASE WHEN o.sip_secret_ciphertext IS DISTINCT FROM n.sip_secret_ciphertext AND o.sip_secret_key_id IS NOT DISTINCT FROM n.sip_secret_key_id
                    THEN jsonb_build_object('sipPasswordChanged', true) ELSE '{}' END AS changes
          FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
        ) c
       WHERE c.changes <> '{}';
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER extensions_webhook_insert
  AFTER INSERT ON extensions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION extensions_webhook();
--> statement-breakpoint
CREATE TRIGGER extensions_webhook_update
  AFTER UPDATE ON extensions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION extensions_webhook();
--> statement-breakpoint
CREATE TRIGGER extensions_webhook_delete
  AFTER DELETE ON extensions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION extensions_webhook();
--> statement-breakpoint
-- Eligibility can change when a session opens or ends, or a user's status, deletion, force login or extension
-- changes: mark the extensions concerned (workspaces with a webhook that wants eligibility.changed only). Any
-- instance then works the marks off with the app's one eligibility rule (lib/webhooks/eligibility-watch.ts).
CREATE FUNCTION eligibility_mark(marks jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO eligibility_checks (tenant_id, extension_id)
  SELECT DISTINCT (m.value ->> 'tenant_id')::uuid, (m.value ->> 'extension_id')::uuid
    FROM jsonb_array_elements(marks) m
   WHERE m.value ->> 'extension_id' IS NOT NULL
     AND EXISTS (SELECT 1 FROM webhooks w WHERE w.tenant_id = (m.value ->> 'tenant_id')::uuid AND w.enabled
                 AND 'eligibility.changed' = ANY (w.events))
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN PERFORM pg_notify('switchboard_webhooks', 'eligibility'); END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_sessions_eligibility() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM changed_new)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM eligibility_mark(coalesce(jsonb_agg(jsonb_build_object('tenant_id', u.tenant_id, 'extension_id', u.extension_id)), '[]'))
       FROM (SELECT DISTINCT tenant_id, user_id FROM changed_new) c
       JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.user_id;
  ELSE
    PERFORM eligibility_mark(coalesce(jsonb_agg(jsonb_build_object('tenant_id', u.tenant_id, 'extension_id', u.extension_id)), '[]'))
       FROM (SELECT DISTINCT n.tenant_id, n.user_id FROM changed_new n JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
              WHERE o.ended_at IS DISTINCT FROM n.ended_at) c
       JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.user_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER dashboard_sessions_eligibility_insert
  AFTER INSERT ON dashboard_sessions REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_eligibility();
--> statement-breakpoint
CREATE TRIGGER dashboard_sessions_eligibility_update
  AFTER UPDATE ON dashboard_sessions REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_eligibility();
--> statement-breakpoint
CREATE FUNCTION users_eligibility() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.enabled AND w.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM eligibility_mark(coalesce(jsonb_agg(jsonb_build_object('tenant_id', n.tenant_id, 'extension_id', n.extension_id)), '[]'))
       FROM new_rows n WHERE n.extension_id IS NOT NULL;
  ELSE
    PERFORM eligibility_mark(coalesce(jsonb_agg(m), '[]')) FROM (
      SELECT jsonb_build_object('tenant_id', o.tenant_id, 'extension_id', o.extension_id) AS m
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
       WHERE (o.status, o.deleted_at IS NULL, o.force_login, o.extension_id) IS DISTINCT FROM (n.status, n.deleted_at IS NULL, n.force_login, n.extension_id)
      UNION ALL
      SELECT jsonb_build_object('tenant_id', n.tenant_id, 'extension_id', n.extension_id)
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
       WHERE (o.status, o.deleted_at IS NULL, o.force_login, o.extension_id) IS DISTINCT FROM (n.status, n.deleted_at IS NULL, n.force_login, n.extension_id)
    ) marks;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_eligibility_insert
  AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_eligibility();
--> statement-breakpoint
CREATE TRIGGER users_eligibility_update
  AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_eligibility();
