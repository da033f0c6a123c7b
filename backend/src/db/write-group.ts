import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './client.js';
import { type LedWrites, ledCtes, runLedWrites } from './write-batch.js';

interface Member {
  led: LedWrites;
  settle: (rows: unknown[] | Error) => void;
}

export interface WriteGroupOptions {
  /** Names the statements' shapes (queryRows): one per number of members and their parts. */
  prepared: string;
  /** Most led batches in one statement. */
  maxSize: number;
  /** Most statements running at once; the batches that arrive meanwhile wait and go together. */
  maxInFlight: number;
  /** Told the number of members of each statement that ran (a metric). */
  ran?: (members: number) => void;
}

/**
 * Runs the led batches (LedWrites) that arrive together, each of which could run as a statement
 * of its own outside any transaction, as one statement: a new ticket and its rows are ~40
 * relations opened and locked, a round trip, a commit and a WAL flush, and those fixed costs
 * were about half of PostgreSQL's work for a ticket (docs/decisions/032-grouped-ticket-filing.md).
 * Gathered as the rate-limit counter gathers its attempts (decision 029): the batches of one turn
 * of the event loop go together, and while `maxInFlight` statements run the next ones wait and
 * then go as one.
 *
 * Each member's CTEs get their own names (`t0`, `t0w0` …; its CteName is renamed) and the
 * statement answers each lead's rows with the member's position. The members share one fate in
 * the database: when the statement fails (one member's foreign key, a check), nothing of it was
 * written, and each member runs again alone, so that only its own error reaches its caller.
 */
export class WriteGroup {
  private waiting: Member[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: WriteGroupOptions,
  ) {}

  /** Runs `led` (alone or with others) and answers its lead's rows. */
  run<T>(led: LedWrites): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.push({ led, settle: (r) => (r instanceof Error ? reject(r) : resolve(r as T[])) });
      // The batches of one turn of the event loop go together (setImmediate runs after its I/O).
      if (this.waiting.length === 1 && this.inFlight < this.opts.maxInFlight) setImmediate(() => this.next());
    });
  }

  private next(): void {
    while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) {
      const members = this.waiting.splice(0, this.opts.maxSize);
      this.inFlight++;
      void this.runMembers(members).finally(() => {
        this.inFlight--;
        this.next();
      });
    }
  }

  private async runMembers(members: Member[]): Promise<void> {
    if (members.length > 1) {
      try {
        const rows = await queryRows<{ member: number }>(this.db, this.statement(members), {
          prepared: this.opts.prepared,
        });
        this.opts.ran?.(members.length);
        const byMember = members.map((): unknown[] => []);
        for (const { member, ...row } of rows) byMember[member]?.push(row);
        members.forEach((m, i) => {
          for (const fn of m.led.afterRun) fn();
          m.settle(byMember[i] ?? []);
        });
        return;
      } catch {
        // Fall through: each alone, so that a failure reaches only the member it belongs to.
      }
    }
    await Promise.all(members.map((m) => this.alone(m)));
  }

  private async alone(m: Member): Promise<void> {
    try {
      const rows = await runLedWrites(this.db, m.led, { prepared: this.opts.prepared });
      this.opts.ran?.(1);
      m.settle(rows);
    } catch (err) {
      m.settle(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private statement(members: Member[]) {
    const ctes = members.flatMap(({ led }, i) => {
      led.name.rename(`t${i}`);
      return ledCtes(led, `t${i}`);
    });
    const answers = members.map(({ led }, i) => sql`SELECT ${sql.raw(String(i))} AS member, * FROM ${led.name.sql}`);
    return sql`WITH ${sql.join(ctes, sql`, `)} ${sql.join(answers, sql` UNION ALL `)}`;
  }
}
