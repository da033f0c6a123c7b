import { type SQL, sql } from 'drizzle-orm';
import { type Database, type DbOrTx, queryRows } from '../../db/client.js';
import { pruneRateLimits } from '../../lib/rate-limit.js';
import { checkUploads } from '../attachments/attachments.service.js';
import * as events from '../events/events.service.js';

/**
 * Housekeeping that the operations guide does with hand-written SQL, as tested functions used by
 * the `helpdesk maintenance:*` commands and the in-server scheduler (src/jobs/).
 * Every function takes `dryRun` and returns a summary of what it did (or would do).
 */

/** `30d`, `2w`, `6m` (months), `1y`, or PostgreSQL interval text such as `1 year`. */
export function parseAge(text: string): string {
  const m = /^\s*(\d+)\s*([dwmy])\s*$/i.exec(text);
  if (m) {
    const unit = { d: 'days', w: 'weeks', m: 'months', y: 'years' }[(m[2] as string).toLowerCase()] as string;
    return `${Number(m[1])} ${unit}`;
  }
  if (/^\s*\d+\s+(day|week|month|year)s?\s*$/i.test(text)) return text.trim();
  throw new Error(`"${text}" is not an age: use 30d, 2w, 6m, 1y or "1 year"`);
}

export interface CountSummary {
  dryRun: boolean;
  [key: string]: number | boolean | string | string[];
}

async function count(db: DbOrTx, query: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, query);
  return row?.n ?? 0;
}

/** Deletes the rows of `table` that match `where` and says how many; a dry run only counts them. */
async function deleteWhere(db: DbOrTx, table: string, where: SQL, dryRun: boolean): Promise<number> {
  const from = sql.raw(table);
  return count(
    db,
    dryRun
      ? sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`
      : sql`WITH gone AS (DELETE FROM ${from} WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
}

/** The guide's clean-up: read notifications older than `olderThan` (default 30 days). */
export async function cleanNotifications(
  database: Database,
  opts: { dryRun: boolean; olderThan?: string },
): Promise<CountSummary> {
  const age = parseAge(opts.olderThan ?? '30d');
  const where = sql`created_at < now() - ${age}::interval AND is_read = true`;
  return { dryRun: opts.dryRun, notifications: await deleteWhere(database.db, 'notifications', where, opts.dryRun) };
}

/** The guide's clean-up: ticket history older than `olderThan` (default 1 year). */
export async function cleanHistory(
  database: Database,
  opts: { dryRun: boolean; olderThan?: string },
): Promise<CountSummary> {
  const age = parseAge(opts.olderThan ?? '1y');
  const where = sql`created_at < now() - ${age}::interval`;
  return { dryRun: opts.dryRun, history: await deleteWhere(database.db, 'ticket_history', where, opts.dryRun) };
}

/**
 * Sign-ins that can never be used again: sessions that are revoked, past their expiry or idle for
 * longer than `idleMinutes` (SESSION_IDLE_MINUTES), and password reset and e-mail confirmation links
 * that are used or expired.
 */
export async function cleanSessions(
  database: Database,
  opts: { dryRun: boolean; idleMinutes: number },
): Promise<CountSummary> {
  const deadSession = sql`revoked_at IS NOT NULL OR expires_at <= now()
    OR last_seen_at <= now() - make_interval(mins => ${opts.idleMinutes})`;
  const deadLink = sql`used_at IS NOT NULL OR expires_at <= now()`;
  return {
    dryRun: opts.dryRun,
    sessions: await deleteWhere(database.db, 'sessions', deadSession, opts.dryRun),
    resetLinks: await deleteWhere(database.db, 'password_reset_tokens', deadLink, opts.dryRun),
    emailChangeLinks: await deleteWhere(database.db, 'email_change_tokens', deadLink, opts.dryRun),
  };
}

/** Events older than `olderThan` (EVENTS_RETENTION) that every consumer has handled and none keeps as a failure. */
export async function cleanEvents(
  database: Database,
  opts: { dryRun: boolean; olderThan: string },
): Promise<CountSummary> {
  const age = parseAge(opts.olderThan);
  return { dryRun: opts.dryRun, events: await events.cleanEvents(database, age, opts.dryRun) };
}

/** Rate-limit windows that have ended (their counters start again from zero anyway). */
export async function cleanRateLimits(database: Database, opts: { dryRun: boolean }): Promise<CountSummary> {
  return { dryRun: opts.dryRun, rateLimits: await pruneRateLimits(database.db, opts) };
}

/**
 * Idempotency keys of ticket creation older than `ttlHours` (IDEMPOTENCY_KEY_TTL_HOURS): a request
 * with an expired key is a new request anyway (tickets.repository claimIdempotencyKey).
 */
export async function cleanIdempotencyKeys(
  database: Database,
  opts: { dryRun: boolean; ttlHours: number },
): Promise<CountSummary> {
  const expired = sql`created_at <= now() - make_interval(hours => ${opts.ttlHours})`;
  return {
    dryRun: opts.dryRun,
    idempotencyKeys: await deleteWhere(database.db, 'idempotency_keys', expired, opts.dryRun),
  };
}

/** `VACUUM ANALYZE` of the whole database (the guide's monthly task). */
export async function vacuumAnalyze(database: Database, opts: { dryRun: boolean }): Promise<CountSummary> {
  if (!opts.dryRun) await database.query('VACUUM ANALYZE');
  return { dryRun: opts.dryRun, vacuumed: !opts.dryRun };
}

// ---------------------------------------------------------------------------------------------
// Archive: closed tickets move with their children into <table>_archive tables.
//
// The archive tables are the guide's: `tickets_archive` has exactly the columns of `tickets`, in
// the same order (as `CREATE TABLE tickets_archive AS SELECT * FROM tickets WHERE false` makes it),
// so the guide's raw SQL and this code can share it. They are created here, at run time, with
// `CREATE TABLE … (LIKE …)` rather than by a migration, so that they follow the live tables: a
// column added to `tickets` later is added to the archive before the next move. Generated
// columns (search vectors) become plain columns there and are recomputed when a ticket comes back.

/** Children first in the order they are moved back (a message before its attachments). */
const archived = ['tickets', 'ticket_messages', 'attachments', 'ticket_history', 'ticket_field_values'] as const;
type ArchivedTable = (typeof archived)[number];
const archiveOf = (t: ArchivedTable) => `${t}_archive`;

interface Column {
  name: string;
  generated: boolean;
}

async function columnsOf(db: DbOrTx, table: string): Promise<Column[]> {
  return queryRows<Column>(
    db,
    sql`SELECT a.attname AS name, a.attgenerated <> '' AS generated
        FROM pg_attribute a
        WHERE a.attrelid = to_regclass(${`public.${table}`}) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
  );
}

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);
const list = (cols: string[]) =>
  sql.join(
    cols.map((c) => ident(c)),
    sql`, `,
  );

/** Creates the archive tables when missing and adds columns the live tables gained since. */
export async function ensureArchiveTables(db: DbOrTx): Promise<void> {
  for (const table of archived) {
    const archive = archiveOf(table);
    await db.execute(sql`CREATE TABLE IF NOT EXISTS ${ident(archive)} (LIKE ${ident(table)})`);
    const have = new Set((await columnsOf(db, archive)).map((c) => c.name));
    for (const col of await columnsOf(db, table)) {
      if (have.has(col.name)) continue;
      const [type] = await queryRows<{ t: string }>(
        db,
        sql`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute
            WHERE attrelid = to_regclass(${`public.${table}`}) AND attname = ${col.name}`,
      );
      await db.execute(sql`ALTER TABLE ${ident(archive)} ADD COLUMN ${ident(col.name)} ${sql.raw(type?.t ?? 'text')}`);
    }
    const key = table === 'tickets' ? 'id' : 'ticket_id';
    await db.execute(
      sql`CREATE INDEX IF NOT EXISTS ${ident(`idx_${archive}_${key}`)} ON ${ident(archive)} (${ident(key)})`,
    );
  }
  await db.execute(sql`CREATE INDEX IF NOT EXISTS idx_tickets_archive_number ON tickets_archive (number)`);
}

/** Columns both tables share, minus the destination's generated ones. */
async function copyColumns(db: DbOrTx, from: string, to: string): Promise<string[]> {
  const source = new Set((await columnsOf(db, from)).map((c) => c.name));
  return (await columnsOf(db, to)).filter((c) => !c.generated && source.has(c.name)).map((c) => c.name);
}

async function moveRows(db: DbOrTx, from: string, to: string, key: string, ticketId: string): Promise<number> {
  const cols = await copyColumns(db, from, to);
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH moved AS (
          INSERT INTO ${ident(to)} (${list(cols)})
          SELECT ${list(cols)} FROM ${ident(from)} WHERE ${ident(key)} = ${ticketId}
          RETURNING 1)
        SELECT count(*)::int AS n FROM moved`,
  );
  return rows[0]?.n ?? 0;
}

export interface ArchiveSummary extends CountSummary {
  tickets: number;
  messages: number;
  attachments: number;
  history: number;
  /** Ticket numbers that could not move (another table still points at them). */
  skipped: string[];
}

/** Closed tickets not updated for `olderThan` (default 6 months): each moved in its own transaction. */
export async function archiveTickets(
  database: Database,
  opts: { dryRun: boolean; olderThan?: string; limit?: number },
): Promise<ArchiveSummary> {
  const age = parseAge(opts.olderThan ?? '6m');
  const due = sql`status_id IN (SELECT id FROM ticket_statuses WHERE is_closed = true)
                  AND updated_at < now() - ${age}::interval`;
  const summary: ArchiveSummary = {
    dryRun: opts.dryRun,
    tickets: 0,
    messages: 0,
    attachments: 0,
    history: 0,
    skipped: [],
  };
  const candidates = await queryRows<{ id: string; number: number }>(
    database.db,
    sql`SELECT id, number FROM tickets WHERE ${due} ORDER BY number LIMIT ${opts.limit ?? 100_000}`,
  );
  if (opts.dryRun) {
    for (const { id } of candidates) {
      summary.tickets++;
      summary.messages += await count(
        database.db,
        sql`SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = ${id}`,
      );
      summary.attachments += await count(
        database.db,
        sql`SELECT count(*)::int AS n FROM attachments WHERE ticket_id = ${id}`,
      );
      summary.history += await count(
        database.db,
        sql`SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = ${id}`,
      );
    }
    return summary;
  }
  if (candidates.length === 0) return summary;
  await database.db.transaction((tx) => ensureArchiveTables(tx));
  for (const { id, number } of candidates) {
    try {
      const moved = await database.db.transaction(async (tx) => {
        // Re-checked under a row lock: an agent may have reopened it meanwhile.
        const still = await queryRows<{ id: string }>(
          tx,
          sql`SELECT id FROM tickets WHERE id = ${id} AND ${due} FOR UPDATE`,
        );
        if (still.length === 0) return undefined;
        const counts = {
          messages: await moveRows(tx, 'ticket_messages', 'ticket_messages_archive', 'ticket_id', id),
          attachments: await moveRows(tx, 'attachments', 'attachments_archive', 'ticket_id', id),
          history: await moveRows(tx, 'ticket_history', 'ticket_history_archive', 'ticket_id', id),
        };
        // Custom field values (issue 16) go with their ticket.
        await moveRows(tx, 'ticket_field_values', 'ticket_field_values_archive', 'ticket_id', id);
        await moveRows(tx, 'tickets', 'tickets_archive', 'id', id);
        await tx.execute(sql`DELETE FROM ticket_field_values WHERE ticket_id = ${id}`);
        await tx.execute(sql`DELETE FROM ticket_history WHERE ticket_id = ${id}`);
        await tx.execute(sql`DELETE FROM attachments WHERE ticket_id = ${id}`);
        await tx.execute(sql`DELETE FROM ticket_messages WHERE ticket_id = ${id}`);
        await tx.execute(sql`DELETE FROM tickets WHERE id = ${id}`);
        return counts;
      });
      if (!moved) continue;
      summary.tickets++;
      summary.messages += moved.messages;
      summary.attachments += moved.attachments;
      summary.history += moved.history;
    } catch {
      // A foreign key from a table we do not know keeps the ticket where it is, untouched.
      summary.skipped.push(`#${number}`);
    }
  }
  return summary;
}

/** Brings archived ticket `number` back with its messages, attachments and history. */
export async function unarchiveTicket(
  database: Database,
  number: number,
  opts: { dryRun: boolean } = { dryRun: false },
): Promise<{ found: boolean; messages: number; attachments: number; history: number; dryRun: boolean }> {
  const none = { found: false, messages: 0, attachments: 0, history: 0, dryRun: opts.dryRun };
  const exists = await queryRows<{ ok: boolean }>(
    database.db,
    sql`SELECT to_regclass('public.tickets_archive') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return none;
  return database.db.transaction(async (tx) => {
    await ensureArchiveTables(tx);
    const [ticket] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM tickets_archive WHERE number = ${number} FOR UPDATE`,
    );
    if (!ticket) return none;
    const id = ticket.id;
    if (opts.dryRun) {
      return {
        found: true,
        dryRun: true,
        messages: await count(tx, sql`SELECT count(*)::int AS n FROM ticket_messages_archive WHERE ticket_id = ${id}`),
        attachments: await count(tx, sql`SELECT count(*)::int AS n FROM attachments_archive WHERE ticket_id = ${id}`),
        history: await count(tx, sql`SELECT count(*)::int AS n FROM ticket_history_archive WHERE ticket_id = ${id}`),
      };
    }
    await moveRows(tx, 'tickets_archive', 'tickets', 'id', id);
    const result = {
      found: true,
      dryRun: false,
      messages: await moveRows(tx, 'ticket_messages_archive', 'ticket_messages', 'ticket_id', id),
      attachments: await moveRows(tx, 'attachments_archive', 'attachments', 'ticket_id', id),
      history: await moveRows(tx, 'ticket_history_archive', 'ticket_history', 'ticket_id', id),
    };
    await moveRows(tx, 'ticket_field_values_archive', 'ticket_field_values', 'ticket_id', id);
    for (const t of [
      'ticket_field_values_archive',
      'ticket_history_archive',
      'attachments_archive',
      'ticket_messages_archive',
    ]) {
      await tx.execute(sql`DELETE FROM ${ident(t)} WHERE ticket_id = ${id}`);
    }
    await tx.execute(sql`DELETE FROM tickets_archive WHERE id = ${id}`);
    return result;
  });
}

/** Archived tickets, newest number first (admins find them by number). */
export async function listArchived(
  database: Database,
  opts: { number?: number; limit?: number } = {},
): Promise<{ number: number; subject: string; updatedAt: string }[]> {
  const exists = await queryRows<{ ok: boolean }>(
    database.db,
    sql`SELECT to_regclass('public.tickets_archive') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return [];
  const filter = opts.number === undefined ? sql`` : sql`WHERE number = ${opts.number}`;
  return queryRows(
    database.db,
    sql`SELECT number::int AS number, subject, updated_at::text AS "updatedAt" FROM tickets_archive ${filter}
        ORDER BY number DESC LIMIT ${opts.limit ?? 50}`,
  );
}

/**
 * The uploads sweep (the orphan half of `helpdesk uploads:check`): files in the store (UPLOAD_DIR
 * or the bucket) that no row (live or archived) names, older than an hour, are deleted. It does
 * not hash every file (uploads:check does).
 */
export async function sweepUploads(
  database: Database,
  config: Parameters<typeof checkUploads>[1],
  opts: { dryRun: boolean },
): Promise<CountSummary> {
  const report = await checkUploads(database, config, { dryRun: opts.dryRun, hash: false });
  return { dryRun: opts.dryRun, orphans: report.orphansRemoved.length, bytes: report.orphanBytes };
}
