-- hand-written
-- Change feed: every server process keeps the names of the people a queue page shows (customers
-- and assignees) in memory (the queue statement reads ids only; decision 001). A user renamed or
-- removed is announced like migration 0031's departments. Not on other updates (a login's
-- last_login_at, a password), which name nothing; a new user is not announced either: no page
-- can have shown an id before it existed.
CREATE TRIGGER "announce_user_names_change" AFTER UPDATE OF "name" OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('user_names');
