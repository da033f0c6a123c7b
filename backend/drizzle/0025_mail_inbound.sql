CREATE TABLE "mail_inbound" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"from_address" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"outcome" text DEFAULT 'processing' NOT NULL,
	"reason" text,
	"ticket_id" uuid,
	"ticket_message_id" uuid,
	"raw" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_inbound_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE INDEX "idx_mail_inbound_ticket" ON "mail_inbound" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "idx_mail_inbound_created" ON "mail_inbound" USING btree ("created_at" DESC NULLS LAST);