CREATE TABLE "customer_notes" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"members_see_tickets" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_organisation_members_org" ON "organisation_members" USING btree ("organisation_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_name_lower_key" ON "organisations" USING btree (lower("name"));--> statement-breakpoint
-- hand-written below
-- Organisations (issue 16): the signed-in caller carries the organisation whose tickets they may
-- see (auth.repository), so cached sessions are dropped when organisations or memberships change.
CREATE TRIGGER "announce_organisations_change" AFTER UPDATE OR DELETE OR TRUNCATE ON "organisations"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');
--> statement-breakpoint
CREATE TRIGGER "announce_organisation_members_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisation_members"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');
--> statement-breakpoint
-- Built-in roles on helpdesks created before these permissions existed: ADMIN gains
-- customers.manage and organisations.manage, AGENT customers.manage (contract/src/permissions.ts).
UPDATE roles SET permissions = permissions || '["customers.manage", "organisations.manage"]'::jsonb
WHERE name = 'ADMIN' AND is_system AND NOT permissions ? 'organisations.manage';
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["customers.manage"]'::jsonb
WHERE name = 'AGENT' AND is_system AND NOT permissions ? 'customers.manage';
