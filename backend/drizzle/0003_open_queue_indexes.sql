-- "Open" is now read from closed_at (set exactly when a ticket's status is a closed one). Earlier
-- versions did not update closed_at when an admin marked a status closed or open: repair that.
UPDATE "tickets" t SET "closed_at" = NULL
  FROM "ticket_statuses" s WHERE s."id" = t."status_id" AND NOT s."is_closed" AND t."closed_at" IS NOT NULL;--> statement-breakpoint
UPDATE "tickets" t SET "closed_at" = t."updated_at"
  FROM "ticket_statuses" s WHERE s."id" = t."status_id" AND s."is_closed" AND t."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "idx_tickets_open_department" ON "tickets" USING btree ("department_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "tickets"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "idx_tickets_open_created" ON "tickets" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "tickets"."closed_at" IS NULL;