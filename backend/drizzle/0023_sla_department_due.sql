ALTER TABLE "ticket_sla" ADD COLUMN "department_id" uuid;--> statement-breakpoint
CREATE INDEX "idx_ticket_sla_department_due" ON "ticket_sla" USING btree ("department_id","due_at","ticket_id") WHERE "ticket_sla"."due_at" IS NOT NULL;--> statement-breakpoint
-- hand-written below
-- The department copy for clocks from before this migration, then NOT NULL: every clock write
-- sets it (syncTicketSla, sla:recompute), so no running clock can fall out of its department's
-- range of idx_ticket_sla_department_due (docs/decisions/018-sla-due-times.md).
UPDATE ticket_sla ts SET department_id = t.department_id FROM tickets t
WHERE t.id = ts.ticket_id AND ts.department_id IS DISTINCT FROM t.department_id;--> statement-breakpoint
ALTER TABLE "ticket_sla" ALTER COLUMN "department_id" SET NOT NULL;
