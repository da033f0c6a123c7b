CREATE INDEX "idx_tickets_department_closed" ON "tickets" USING btree ("department_id","closed_at") WHERE "tickets"."closed_at" IS NOT NULL;--> statement-breakpoint
-- Change feed: every committed change to what the server caches (who is signed in and what they
-- may do; statuses and priorities) is announced on the channel helpdesk_changes, so that every
-- server process drops its copy, whoever made the change (another worker, the CLI, psql).
CREATE FUNCTION "helpdesk_announce_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpdesk_changes', TG_ARGV[0]);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "announce_users_change" AFTER UPDATE OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');--> statement-breakpoint
CREATE TRIGGER "announce_roles_change" AFTER UPDATE OR DELETE OR TRUNCATE ON "roles"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');--> statement-breakpoint
CREATE TRIGGER "announce_department_members_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "department_members"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');--> statement-breakpoint
CREATE TRIGGER "announce_sessions_change" AFTER UPDATE OF "revoked_at", "expires_at", "user_id" OR DELETE OR TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');--> statement-breakpoint
CREATE TRIGGER "announce_ticket_statuses_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ticket_statuses"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('reference');--> statement-breakpoint
CREATE TRIGGER "announce_ticket_priorities_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ticket_priorities"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('reference');
