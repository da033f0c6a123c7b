DROP INDEX "idx_notifications_user_unread";--> statement-breakpoint
CREATE INDEX "idx_notifications_user_unread_ticket" ON "notifications" USING btree ("user_id","ticket_id") WHERE "notifications"."is_read" = false;--> statement-breakpoint
-- hand-written below
-- Change feed (decision 016-perf16): tags and custom field definitions are kept in memory by every
-- server process; every committed change to either is announced like migration 0002's, so that
-- each process drops its copy, whoever made the change (another worker, the CLI, psql).
CREATE TRIGGER "announce_tags_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tags"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('tags');--> statement-breakpoint
CREATE TRIGGER "announce_custom_fields_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "custom_fields"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('fields');
