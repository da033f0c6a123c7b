-- A rare select option's queue filter (decision 015) read every value row with the option through
-- idx_ticket_field_values_options and then dropped those of other departments and of closed
-- tickets: at 1,000,000 tickets, 2,007 rows on 1,826 heap pages for 13 open tickets of one
-- department. This index keys each option by the copies of the ticket's department and open state
-- (migration 0027), so the filter asks for "option:department:open" and reads only its rows.
-- Keys are text: option uuid, department uuid, true/false, joined by ':'.
CREATE FUNCTION "helpdesk_field_option_keys"(options uuid[], department uuid, open boolean) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(o::text || ':' || department::text || ':' || open::text), '{}'::text[])
    FROM unnest(options) AS o
  $$;--> statement-breakpoint
CREATE INDEX "idx_ticket_field_values_option_keys" ON "ticket_field_values" USING gin (helpdesk_field_option_keys("value_options", "department_id", "ticket_open"));--> statement-breakpoint
-- Statistics of the new expression now, so the first plans after an upgrade know its keys.
ANALYZE "ticket_field_values";
