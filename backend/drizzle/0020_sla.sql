CREATE TABLE "sla_alerts" (
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_alerts_ticket_id_kind_target_due_at_pk" PRIMARY KEY("ticket_id","kind","target","due_at")
);
--> statement-breakpoint
CREATE TABLE "sla_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"holidays" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_calendars_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sla_department_calendars" (
	"department_id" uuid PRIMARY KEY NOT NULL,
	"calendar_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	"calendar_id" uuid,
	"warning_percent" integer DEFAULT 80 NOT NULL,
	"targets" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "ticket_sla" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"policy_id" uuid,
	"terms" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"first_response_due_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"awaiting_reply_since" timestamp with time zone,
	"reply_paused_base_ms" bigint DEFAULT 0 NOT NULL,
	"next_response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"due_kind" text,
	"warn_at" timestamp with time zone,
	"alert_level" smallint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket_statuses" ADD COLUMN "pauses_sla" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_alerts" ADD CONSTRAINT "sla_alerts_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_department_calendars" ADD CONSTRAINT "sla_department_calendars_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_department_calendars" ADD CONSTRAINT "sla_department_calendars_calendar_id_sla_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."sla_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_calendar_id_sla_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."sla_calendars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla" ADD CONSTRAINT "ticket_sla_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla" ADD CONSTRAINT "ticket_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_sla_alerts_created" ON "sla_alerts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_calendars_one_default" ON "sla_calendars" USING btree ("is_default") WHERE "sla_calendars"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_department" ON "sla_policies" USING btree (coalesce("department_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "idx_ticket_sla_due" ON "ticket_sla" USING btree ("due_at","ticket_id") WHERE "ticket_sla"."due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_ticket_sla_alerts" ON "ticket_sla" USING btree ("warn_at") WHERE "ticket_sla"."due_at" IS NOT NULL AND "ticket_sla"."alert_level" < 2;--> statement-breakpoint
CREATE INDEX "idx_ticket_sla_paused" ON "ticket_sla" USING btree ("paused_at") WHERE "ticket_sla"."paused_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_ticket_sla_policy" ON "ticket_sla" USING btree ("policy_id");--> statement-breakpoint
-- hand-written below
-- Waiting on Customer pauses the SLA clock on helpdesks that have it (new ones get it from the seed).
UPDATE "ticket_statuses" SET "pauses_sla" = true WHERE lower("name") = 'waiting on customer';--> statement-breakpoint
-- Calendars and policies are cached in every process (docs/decisions/002): announce their changes.
CREATE TRIGGER "sla_calendars_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sla_calendars"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('reference');--> statement-breakpoint
CREATE TRIGGER "sla_department_calendars_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sla_department_calendars"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('reference');--> statement-breakpoint
CREATE TRIGGER "sla_policies_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sla_policies"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('reference');
