-- Decision 027: the queue's "most recently active" order moves from an index of the ticket row
-- (idx_tickets_updated_id) to a narrow table of its own, with copies of the ticket's department and
-- whether it is open (an agent's walk reads only their departments' range), kept by the triggers
-- below whoever writes (the API, bulk edits, merges, jobs, unarchive, psql). No index of `tickets`
-- then holds updated_at, so a reply's update of the row (updated_at, first_response_at) can be HOT:
-- one heap write instead of a new entry in each of its 13 indexes.
CREATE TABLE "ticket_activity" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"open" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "ticket_activity" ("ticket_id", "department_id", "open", "updated_at")
  SELECT "id", "department_id", "closed_at" IS NULL, "updated_at" FROM "tickets";--> statement-breakpoint
ALTER TABLE "ticket_activity" ADD CONSTRAINT "ticket_activity_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_ticket_activity_updated" ON "ticket_activity" USING btree ("updated_at" DESC NULLS LAST,"ticket_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_ticket_activity_department" ON "ticket_activity" USING btree ("department_id","open","updated_at" DESC NULLS LAST,"ticket_id" DESC NULLS LAST);--> statement-breakpoint
-- Statistics now, so the queue's first plans after an upgrade know the table's size.
ANALYZE "ticket_activity";--> statement-breakpoint
CREATE FUNCTION "helpdesk_ticket_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE ticket_activity
      SET updated_at = NEW.updated_at, department_id = NEW.department_id, open = NEW.closed_at IS NULL
      WHERE ticket_id = NEW.id;
    IF FOUND THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO ticket_activity (ticket_id, department_id, open, updated_at)
    VALUES (NEW.id, NEW.department_id, NEW.closed_at IS NULL, NEW.updated_at)
    ON CONFLICT (ticket_id) DO UPDATE
      SET department_id = EXCLUDED.department_id, open = EXCLUDED.open, updated_at = EXCLUDED.updated_at;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "ticket_activity_insert" AFTER INSERT ON "tickets"
  FOR EACH ROW EXECUTE FUNCTION "helpdesk_ticket_activity"();--> statement-breakpoint
CREATE TRIGGER "ticket_activity_update" AFTER UPDATE OF "updated_at", "department_id", "closed_at" ON "tickets"
  FOR EACH ROW
  WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at OR OLD.department_id IS DISTINCT FROM NEW.department_id
    OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL))
  EXECUTE FUNCTION "helpdesk_ticket_activity"();--> statement-breakpoint
DROP INDEX "idx_tickets_updated_id";--> statement-breakpoint
-- Room on each page for a row's next version, which HOT keeps on the same page (new pages only).
ALTER TABLE "tickets" SET (fillfactor = 90);
