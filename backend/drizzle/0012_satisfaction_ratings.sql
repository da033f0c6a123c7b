CREATE TABLE "satisfaction_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ticket_number" bigint NOT NULL,
	"customer_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"agent_id" uuid,
	"is_current" boolean DEFAULT true NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"rating" text,
	"comment" text,
	"rated_at" timestamp with time zone,
	"changed_at" timestamp with time zone,
	"token_hash" text NOT NULL,
	"token_expires_at" timestamp with time zone NOT NULL,
	"token_used_at" timestamp with time zone,
	CONSTRAINT "satisfaction_ratings_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_ratings_current" ON "satisfaction_ratings" USING btree ("ticket_id") WHERE is_current;--> statement-breakpoint
CREATE INDEX "idx_satisfaction_ratings_ticket" ON "satisfaction_ratings" USING btree ("ticket_id","requested_at");--> statement-breakpoint
CREATE INDEX "idx_satisfaction_ratings_rated" ON "satisfaction_ratings" USING btree ("rated_at") WHERE rated_at IS NOT NULL;