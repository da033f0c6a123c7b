-- Search indexes without GIN's pending list: with fastupdate on, rows written since the last
-- vacuum wait in a list that every search scans in full (bench/README.md, finding 8).
-- ALTER instead of a rebuild: the setting applies to new rows; the pending list is flushed now.
ALTER INDEX "idx_ticket_messages_search" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "idx_tickets_search" SET (fastupdate = false);--> statement-breakpoint
SELECT gin_clean_pending_list('idx_ticket_messages_search'::regclass);--> statement-breakpoint
SELECT gin_clean_pending_list('idx_tickets_search'::regclass);
