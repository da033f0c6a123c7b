import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from './client.js';

/**
 * Writes of one transaction that need nothing from each other, sent to the database as one
 * statement (each a data-modifying CTE) instead of a round trip each: the ticket, SLA, history,
 * event, notification and follower rows that follow from a reply (decision 025; every statement
 * is a write to the socket on both sides). PostgreSQL runs the parts on one snapshot and checks
 * foreign keys at the end of the statement, so one part may reference a row another part inserts;
 * no two parts may write the same row, and no part can see another's rows.
 *
 * A module's write function takes an optional batch: without one it runs at once as before.
 */
export class WriteBatch {
  private readonly parts: SQL[] = [];
  private readonly afterRun: (() => void)[] = [];

  add(part: SQLWrapper): void {
    this.parts.push(part.getSQL());
  }

  /** Calls `fn` once the statement has run (not when it fails): a part's follow-up in this process. */
  onRun(fn: () => void): void {
    this.afterRun.push(fn);
  }

  /** Runs the parts added so far; `prepared` names the statement's shapes (see queryRows). */
  async run(db: DbOrTx, opts: { prepared?: string } = {}): Promise<void> {
    const parts = this.takeParts();
    if (parts.length === 0) return;
    await queryRows(db, sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`, opts);
    this.ran();
  }

  /**
   * Runs `lead` (a write with RETURNING, such as a new ticket's INSERT) and the parts added so far
   * as one statement, and answers what `lead` returned. The parts read the lead's rows as the
   * CTE `lead.name` (a new ticket's number, which the history, event and notifications quote).
   */
  async runLed<T>(db: DbOrTx, lead: { name: string; write: SQLWrapper }, opts: { prepared?: string } = {}) {
    const first = sql`${sql.raw(lead.name)} AS (${lead.write.getSQL()})`;
    const ctes = sql.join([first, ...this.takeParts()], sql`, `);
    const rows = await queryRows<T>(db, sql`WITH ${ctes} SELECT * FROM ${sql.raw(lead.name)}`, opts);
    this.ran();
    return rows;
  }

  private ran(): void {
    for (const fn of this.afterRun.splice(0)) fn();
  }

  private takeParts(): SQL[] {
    return this.parts.splice(0).map((part, i) => sql`${sql.raw(`w${i}`)} AS (${part})`);
  }
}

/** Runs `part` now, or adds it to `batch` to run with the batch's other writes. */
export async function write(db: DbOrTx, part: SQLWrapper, batch?: WriteBatch): Promise<void> {
  if (batch) batch.add(part);
  else await db.execute(part.getSQL());
}
