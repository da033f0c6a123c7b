-- hand-written
-- Change feed: the departments kept in memory per process (migration 0031) also hold whether a
-- department is active and assigns round-robin, so that filing a ticket reads no department row
-- (issue 18: a create's round trips). Announced when either changes too; still not on the
-- round-robin turn (last_assigned_user_id) every auto-assigned ticket writes.
DROP TRIGGER IF EXISTS "announce_department_names_change" ON "departments";--> statement-breakpoint
CREATE TRIGGER "announce_department_facts_change" AFTER INSERT OR UPDATE OF "name", "is_active", "auto_assign" OR DELETE OR TRUNCATE ON "departments"
  FOR EACH STATEMENT EXECUTE FUNCTION "helpdesk_announce_change"('departments');
