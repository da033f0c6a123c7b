-- Indexes for the foreign keys a ticket deletion (DELETE /api/tickets/:id, the archive job) follows:
-- without them PostgreSQL scanned every notification and idempotency key once per deleted ticket.
CREATE INDEX "idx_notifications_ticket" ON "notifications" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "idx_idempotency_keys_ticket" ON "idempotency_keys" USING btree ("ticket_id");