CREATE TABLE "import_job_users" (
	"tenant_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"change" text NOT NULL,
	CONSTRAINT "import_job_users_pkey" PRIMARY KEY("tenant_id","job_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file" "bytea" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_label" text NOT NULL,
	"phase" text DEFAULT 'preview' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"preview" jsonb,
	"result" jsonb,
	"error" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "import_jobs_kind" CHECK ("import_jobs"."kind" IN ('users', 'extensions')),
	CONSTRAINT "import_jobs_phase" CHECK ("import_jobs"."phase" IN ('preview', 'import')),
	CONSTRAINT "import_jobs_status" CHECK ("import_jobs"."status" IN ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_job_users" ADD CONSTRAINT "import_job_users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_job_users" ADD CONSTRAINT "import_job_users_job_fk" FOREIGN KEY ("tenant_id","job_id") REFERENCES "public"."import_jobs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_job_users" ADD CONSTRAINT "import_job_users_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_queue_idx" ON "import_jobs" USING btree ("created_at") WHERE "import_jobs"."status" IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "import_jobs_tenant_time_idx" ON "import_jobs" USING btree ("tenant_id","created_at");