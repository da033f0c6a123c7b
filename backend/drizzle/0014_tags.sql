CREATE TABLE "tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"color" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_tags" (
	"ticket_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" uuid,
	CONSTRAINT "ticket_tags_ticket_id_tag_id_pk" PRIMARY KEY("ticket_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_tags" ADD CONSTRAINT "ticket_tags_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tags" ADD CONSTRAINT "ticket_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tags" ADD CONSTRAINT "ticket_tags_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_lower" ON "tags" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "idx_ticket_tags_tag" ON "ticket_tags" USING btree ("tag_id","ticket_id");--> statement-breakpoint
-- hand-written below
-- Tags (issue 16): the built-in ADMIN role gains tags.create and tags.manage, AGENT gains
-- tags.create, on helpdesks created before these permissions existed. New helpdesks get them from
-- the seed (contract/src/permissions.ts); SUPER_ADMIN's list is refreshed at every start anyway.
UPDATE roles SET permissions = permissions || '["tags.create", "tags.manage"]'::jsonb
WHERE name = 'ADMIN' AND is_system AND NOT permissions ? 'tags.create';
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["tags.create"]'::jsonb
WHERE name = 'AGENT' AND is_system AND NOT permissions ? 'tags.create';
