ALTER TABLE "ticket_field_values" ADD COLUMN "department_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_field_values" ADD COLUMN "ticket_open" boolean;--> statement-breakpoint
-- hand-written below
-- A rare custom field value's queue filter (decision 015) read every matching value's ticket by
-- primary key to learn its department and whether it is open: 2,007 probes for 13 open tickets of
-- one department at 1,000,000 tickets. Each value row now carries those two facts, kept by the
-- two triggers below whoever writes (the API, bulk edits, merges, jobs, archive, psql), so that the
-- value index's rows are narrowed to the caller's departments and open tickets before any ticket
-- is read.
CREATE FUNCTION "helpdesk_field_value_ticket_state"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.department_id, t.closed_at IS NULL INTO NEW.department_id, NEW.ticket_open
  FROM tickets t WHERE t.id = NEW.ticket_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "field_value_ticket_state" BEFORE INSERT OR UPDATE OF "ticket_id" ON "ticket_field_values"
  FOR EACH ROW EXECUTE FUNCTION "helpdesk_field_value_ticket_state"();--> statement-breakpoint
CREATE FUNCTION "helpdesk_ticket_state_to_field_values"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ticket_field_values SET department_id = NEW.department_id, ticket_open = NEW.closed_at IS NULL
  WHERE ticket_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "ticket_state_to_field_values" AFTER UPDATE OF "department_id", "closed_at" ON "tickets"
  FOR EACH ROW
  WHEN (OLD.department_id IS DISTINCT FROM NEW.department_id OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL))
  EXECUTE FUNCTION "helpdesk_ticket_state_to_field_values"();--> statement-breakpoint
UPDATE ticket_field_values v SET department_id = t.department_id, ticket_open = t.closed_at IS NULL
FROM tickets t WHERE t.id = v.ticket_id;--> statement-breakpoint
ALTER TABLE "ticket_field_values" ALTER COLUMN "department_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_field_values" ALTER COLUMN "ticket_open" SET NOT NULL;
