import { type SQL, sql } from 'drizzle-orm';

/**
 * A ticket's number: known, or SQL that reads it inside the statement that draws it (a new ticket
 * filed in one statement, tickets/create-ticket.ts).
 */
export type TicketNumber = number | SQL;

const MARK = '\u0000number\u0000';

/**
 * A text that quotes a ticket's number (a history value, a notification's title): the text itself
 * for a known number, the SQL that builds it for a number drawn in the same statement.
 */
export function textWithNumber(number: TicketNumber, text: (n: string) => string): string | SQL {
  if (typeof number === 'number') return text(String(number));
  const [before = '', after = '', ...more] = text(MARK).split(MARK);
  if (more.length > 0) throw new Error('textWithNumber: the number is quoted once');
  return sql`${before}::text || (${number})::text || ${after}::text`;
}

/** An event's JSON payload `{ number }` for a known number or one drawn in the same statement. */
export const numberPayload = (number: TicketNumber): Record<string, unknown> | SQL =>
  typeof number === 'number' ? { number } : sql`jsonb_build_object('number', ${number})`;
