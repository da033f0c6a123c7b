-- Decision 026: the guide's four narrow ticket indexes were each the first column(s) of a wider one;
-- the wide ones take the guide's names (a rename: no rebuild at a million tickets).
DROP INDEX "idx_tickets_created_at";--> statement-breakpoint
DROP INDEX "idx_tickets_status";--> statement-breakpoint
DROP INDEX "idx_tickets_customer";--> statement-breakpoint
DROP INDEX "idx_tickets_assigned";--> statement-breakpoint
ALTER INDEX "idx_tickets_created_id" RENAME TO "idx_tickets_created_at";--> statement-breakpoint
ALTER INDEX "idx_tickets_status_counts" RENAME TO "idx_tickets_status";--> statement-breakpoint
ALTER INDEX "idx_tickets_customer_created" RENAME TO "idx_tickets_customer";--> statement-breakpoint
ALTER INDEX "idx_tickets_assigned_created" RENAME TO "idx_tickets_assigned";
