CREATE TABLE "canned_response_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"uploaded_by_id" uuid,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_response_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"scope" text NOT NULL,
	"department_id" uuid,
	"owner_id" uuid,
	"actions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_responses_scope_check" CHECK (("canned_responses"."scope" = 'personal' AND "canned_responses"."owner_id" IS NOT NULL AND "canned_responses"."department_id" IS NULL) OR ("canned_responses"."scope" = 'shared' AND "canned_responses"."owner_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "canned_response_files" ADD CONSTRAINT "canned_response_files_response_id_canned_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."canned_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_response_files" ADD CONSTRAINT "canned_response_files_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_canned_response_files_response" ON "canned_response_files" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "idx_canned_responses_owner" ON "canned_responses" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_canned_responses_department" ON "canned_responses" USING btree ("department_id");--> statement-breakpoint
-- hand-written below
-- Canned responses (issue 16): the built-in ADMIN role gains canned.manage on helpdesks created
-- before this permission existed. New helpdesks get it from the seed (contract/src/permissions.ts);
-- SUPER_ADMIN's list is refreshed at every start anyway.
UPDATE roles SET permissions = permissions || '["canned.manage"]'::jsonb
WHERE name = 'ADMIN' AND is_system AND NOT permissions ? 'canned.manage';
