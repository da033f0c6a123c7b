CREATE TABLE "ticket_followers" (
	"ticket_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_followers_ticket_id_user_id_pk" PRIMARY KEY("ticket_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "message_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "reply_status_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_ticket_followers_user" ON "ticket_followers" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_merged_into_id_tickets_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_tickets_merged_into" ON "tickets" USING btree ("merged_into_id") WHERE "tickets"."merged_into_id" IS NOT NULL;--> statement-breakpoint
-- hand-written below
-- Merging tickets of different customers (issue 17): the built-in ADMIN role gains
-- tickets.merge_any on helpdesks created before this permission existed. New helpdesks get it
-- from the seed (contract/src/permissions.ts); SUPER_ADMIN's list is refreshed at every start.
UPDATE roles SET permissions = permissions || '["tickets.merge_any"]'::jsonb
WHERE name = 'ADMIN' AND is_system AND NOT permissions ? 'tickets.merge_any';
