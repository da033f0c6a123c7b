-- Hand-written (drizzle-kit cannot express triggers): the session cache keeps, with who is signed
-- in, whether they have two-factor sign-in and whether the settings require it (issue 13). A
-- change to either is announced like migration 0002's, so every process drops its cached sessions.
CREATE TRIGGER "announce_user_two_factor_change" AFTER INSERT OR UPDATE OF "enabled_at", "user_id" OR DELETE OR TRUNCATE ON "user_two_factor"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');--> statement-breakpoint
CREATE TRIGGER "announce_settings_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "settings"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('auth');
