ALTER TABLE "ticket_field_values" ADD COLUMN "ticket_created_at" timestamp with time zone;--> statement-breakpoint
-- hand-written below
-- "Newest first with a common select option" (decision 015) walked the department's open tickets
-- newest first and probed each for the value: about eight probes per match for an option on a
-- seventh of the tickets (1,318 buffers a page at 1,000,000 tickets). Each value row now carries
-- its ticket's creation time too, filled by migration 0027's BEFORE INSERT trigger (a ticket's
-- creation time never changes, so the trigger on tickets has nothing more to keep), so that the
-- queue walks the field's own rows of a department in order, checks the options in the index and
-- reads only the tickets it shows. As migration 0032 did for tags.
CREATE OR REPLACE FUNCTION "helpdesk_field_value_ticket_state"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.department_id, t.closed_at IS NULL, t.created_at INTO NEW.department_id, NEW.ticket_open, NEW.ticket_created_at
  FROM tickets t WHERE t.id = NEW.ticket_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
UPDATE ticket_field_values v SET ticket_created_at = t.created_at FROM tickets t WHERE t.id = v.ticket_id;--> statement-breakpoint
ALTER TABLE "ticket_field_values" ALTER COLUMN "ticket_created_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_ticket_field_values_walk" ON "ticket_field_values" USING btree ("field_id","department_id","ticket_open","ticket_created_at" DESC NULLS LAST,"ticket_id" DESC NULLS LAST,"value_options");
