import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { queryRows } from '../src/db/client.js';

/**
 * A ticket row written straight to the database (default status and priority), for tests of
 * features that hang off tickets without going through the tickets API.
 */
export async function insertTicketRow(
  database: Database,
  input: { customerId: string; departmentId: string; assignedToId?: string; subject?: string },
): Promise<{ id: string; number: number }> {
  const [row] = await queryRows<{ id: string; number: string }>(
    database.db,
    sql`INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, assigned_to_id, created_by_id)
        VALUES (${input.subject ?? 'Printer on fire'}, 'Please help',
          (SELECT id FROM ticket_statuses WHERE is_default), (SELECT id FROM ticket_priorities WHERE is_default),
          ${input.departmentId}, ${input.customerId}, ${input.assignedToId ?? null}, ${input.customerId})
        RETURNING id, number`,
  );
  if (!row) throw new Error('ticket not created');
  return { id: row.id, number: Number(row.number) };
}

/** A message row (e.g. an internal note) on a ticket. */
export async function insertMessageRow(
  database: Database,
  input: { ticketId: string; authorId: string; body?: string; isInternal?: boolean },
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    database.db,
    sql`INSERT INTO ticket_messages (ticket_id, author_id, body, is_internal)
        VALUES (${input.ticketId}, ${input.authorId}, ${input.body ?? 'note'}, ${input.isInternal ?? false}) RETURNING id`,
  );
  if (!row) throw new Error('message not created');
  return row.id;
}
