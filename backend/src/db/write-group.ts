import { sql } from 'drizzle-orm';
import { Gatherer, type GatherLimits } from '../lib/gatherer.js';
import { type Db, queryRows } from './client.js';
import { type LedWrites, ledCtes, runLedWrites } from './write-batch.js';

export interface WriteGroupOptions extends GatherLimits {
  /** Names the statements' shapes (queryRows): one per number of members and their parts. */
  prepared: string;
  /** Told the number of members of each statement that was written (a metric). */
  ran?: (members: number) => void;
}

/**
 * Runs the led batches (LedWrites) that arrive together, each of which could run as a statement
 * of its own outside any transaction, as one statement: a new ticket and its rows are ~40
 * relations opened and locked, a round trip, a commit and a WAL flush, and those fixed costs
 * were about half of PostgreSQL's work for a ticket (docs/decisions/032-grouped-ticket-filing.md).
 * Gathered as the rate-limit counter gathers its attempts (lib/gatherer.ts).
 *
 * Each member's CTEs get their own names (`t0`, `t0w0` …; its CteName is renamed) and the
 * statement answers each lead's rows with the member's position. The members share one fate in
 * the database: when the statement fails (one member's foreign key, a check), nothing of it was
 * written, and each member runs again alone, so that only its own error reaches its caller.
 */
export class WriteGroup {
  private readonly gatherer: Gatherer<LedWrites, unknown[]>;

  constructor(
    private readonly db: Db,
    private readonly opts: WriteGroupOptions,
  ) {
    this.gatherer = new Gatherer((members) => this.write(members), opts);
  }

  /** Runs `led` (alone or with others) and answers its lead's rows. */
  async run<T>(led: LedWrites): Promise<T[]> {
    return (await this.gatherer.add(led)) as T[];
  }

  private async write(members: LedWrites[]): Promise<(unknown[] | Error)[]> {
    if (members.length > 1) {
      try {
        const rows = await queryRows<{ member: number }>(this.db, this.statement(members), {
          prepared: this.opts.prepared,
        });
        this.opts.ran?.(members.length);
        const byMember = members.map((): unknown[] => []);
        for (const { member, ...row } of rows) byMember[member]?.push(row);
        for (const led of members) for (const fn of led.afterRun) fn();
        return byMember;
      } catch {
        // Each alone, so that a failure reaches only the member it belongs to.
      }
    }
    return Promise.all(members.map((led) => this.alone(led)));
  }

  private async alone(led: LedWrites): Promise<unknown[] | Error> {
    try {
      const rows = await runLedWrites(this.db, led, { prepared: this.opts.prepared });
      this.opts.ran?.(1);
      return rows;
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  private statement(members: LedWrites[]) {
    const ctes = members.flatMap((led, i) => {
      led.name.rename(`t${i}`);
      return ledCtes(led, `t${i}`);
    });
    const answers = members.map((led, i) => sql`SELECT ${sql.raw(String(i))} AS member, * FROM ${led.name.sql}`);
    return sql`WITH ${sql.join(ctes, sql`, `)} ${sql.join(answers, sql` UNION ALL `)}`;
  }
}
