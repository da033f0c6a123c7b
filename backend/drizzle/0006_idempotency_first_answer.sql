ALTER TABLE "idempotency_keys" ADD COLUMN "first_answer" jsonb;--> statement-breakpoint
CREATE INDEX "idx_idempotency_keys_created" ON "idempotency_keys" USING btree ("created_at");