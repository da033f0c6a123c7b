import { SQL, type SQLWrapper, StringChunk, sql } from 'drizzle-orm';
import { withFields } from '../lib/with-fields.js';
import { type DbOrTx, queryRows } from './client.js';

/**
 * The name of a lead write's CTE (a new ticket's `new_ticket`), which the parts quote through
 * `sql`. A WriteGroup (db/write-group.ts) renames it (`t0`, `t1` …) when it runs several led
 * batches in one statement: the quoting SQL reads the name only when the statement is rendered.
 */
export class CteName {
  readonly sql: SQL;
  private readonly chunk: StringChunk;

  constructor(readonly base: string) {
    this.chunk = new StringChunk(base);
    this.sql = new SQL([this.chunk]);
  }

  rename(name: string): void {
    this.chunk.value.splice(0, this.chunk.value.length, name);
  }
}

/** A lead write (with RETURNING) and the parts that read its rows, taken out of their WriteBatch. */
export interface LedWrites {
  name: CteName;
  write: SQLWrapper;
  parts: SQL[];
  /** The batch's onRun calls. */
  afterRun: (() => void)[];
}

/** Parts as the CTEs `<prefix>w0`, `<prefix>w1` …. */
const partCtes = (parts: SQL[], prefix: string) =>
  parts.map((part, i) => sql`${sql.raw(`${prefix}w${i}`)} AS (${part})`);

/** The CTEs of `led`: its lead under its name, then its parts (partCtes). */
export function ledCtes(led: LedWrites, prefix: string): SQL[] {
  return [sql`${led.name.sql} AS (${led.write.getSQL()})`, ...partCtes(led.parts, prefix)];
}

/** Runs `led` as one statement of its own, under its name's base, and answers the lead's rows. */
export async function runLedWrites<T>(db: DbOrTx, led: LedWrites, opts: { prepared?: string } = {}): Promise<T[]> {
  led.name.rename(led.name.base);
  const query = sql`WITH ${sql.join(ledCtes(led, ''), sql`, `)} SELECT * FROM ${led.name.sql}`;
  const rows = await queryRows<T>(db, query, opts);
  for (const fn of led.afterRun) fn();
  return rows;
}

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
    const parts = partCtes(this.parts.splice(0), '');
    if (parts.length === 0) return;
    await queryRows(db, sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`, opts);
    for (const fn of this.afterRun.splice(0)) fn();
  }

  /**
   * Runs `lead` (a write with RETURNING, such as a new ticket's INSERT) and the parts added so far
   * as one statement, and answers what `lead` returned. The parts read the lead's rows through its
   * CTE name (a new ticket's number, which the history, event and notifications quote).
   */
  async runLed<T>(db: DbOrTx, lead: { name: CteName; write: SQLWrapper }, opts: { prepared?: string } = {}) {
    return runLedWrites<T>(db, this.led(lead), opts);
  }

  /** Takes the parts and onRun calls out of the batch, led by `lead` (for runLedWrites or a WriteGroup). */
  led(lead: { name: CteName; write: SQLWrapper }): LedWrites {
    return withFields(lead, { parts: this.parts.splice(0), afterRun: this.afterRun.splice(0) });
  }
}

/** Runs `part` now, or adds it to `batch` to run with the batch's other writes. */
export async function write(db: DbOrTx, part: SQLWrapper, batch?: WriteBatch): Promise<void> {
  if (batch) batch.add(part);
  else await db.execute(part.getSQL());
}
