CREATE TYPE "public"."profile_scope" AS ENUM('workspace', 'managed_groups');--> statement-breakpoint
CREATE TABLE "group_managers" (
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_managers_pkey" PRIMARY KEY("tenant_id","group_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "scope" "profile_scope" DEFAULT 'workspace' NOT NULL;--> statement-breakpoint
ALTER TABLE "group_managers" ADD CONSTRAINT "group_managers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_managers" ADD CONSTRAINT "group_managers_group_fk" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_managers" ADD CONSTRAINT "group_managers_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_managers_user_idx" ON "group_managers" USING btree ("tenant_id","user_id","group_id");--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_scoped_without_workspace_rights" CHECK ("profiles"."scope" = 'workspace' OR NOT ("profiles"."permissions" && ARRAY['settings.manage','extensions.manage']::text[]));