CREATE TABLE "custom_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"help_text" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required_on_create" boolean DEFAULT false NOT NULL,
	"required_to_close" boolean DEFAULT false NOT NULL,
	"customer_visible" boolean DEFAULT false NOT NULL,
	"customer_editable" boolean DEFAULT false NOT NULL,
	"department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_fields_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "ticket_field_values" (
	"ticket_id" uuid NOT NULL,
	"field_id" uuid NOT NULL,
	"value_text" text,
	"value_number" numeric,
	"value_date" date,
	"value_bool" boolean,
	"value_options" uuid[],
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_field_values_ticket_id_field_id_pk" PRIMARY KEY("ticket_id","field_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_field_values" ADD CONSTRAINT "ticket_field_values_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_field_values" ADD CONSTRAINT "ticket_field_values_field_id_custom_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."custom_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_ticket_field_values_options" ON "ticket_field_values" USING gin ("value_options");--> statement-breakpoint
CREATE INDEX "idx_ticket_field_values_date" ON "ticket_field_values" USING btree ("field_id","value_date","ticket_id") WHERE "ticket_field_values"."value_date" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_ticket_field_values_checked" ON "ticket_field_values" USING btree ("field_id","ticket_id") WHERE "ticket_field_values"."value_bool";--> statement-breakpoint
-- hand-written below
-- Custom fields (issue 16): the built-in ADMIN role gains fields.manage on helpdesks created before
-- it existed; new helpdesks get it from the seed (contract/src/permissions.ts).
UPDATE roles SET permissions = permissions || '["fields.manage"]'::jsonb
WHERE name = 'ADMIN' AND is_system AND NOT permissions ? 'fields.manage';
