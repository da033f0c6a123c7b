-- hand-written
-- Change feed: every server process keeps the departments' names in memory for the queue's rows
-- (the queue statement reads ids only; decision 001). A department added, renamed or removed is
-- announced like migration 0002's changes. Not on every update: each auto-assigned ticket writes
-- the department's round-robin turn (last_assigned_user_id), which names nothing.
CREATE TRIGGER "announce_department_names_change" AFTER INSERT OR UPDATE OF "name" OR DELETE OR TRUNCATE ON "departments"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('departments');
