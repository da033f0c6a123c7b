import { is, SQL, sql } from 'drizzle-orm';
import { wakeEventWorkers } from '../../db/change-feed.js';
import { type Db, type DbOrTx, queryRows } from '../../db/client.js';
import { type WriteBatch, write } from '../../db/write-batch.js';
import { iso } from '../../lib/timestamps.js';

/** An event as consumers see it. */
export interface StoredEvent {
  id: number;
  type: string;
  ticketId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface EventInput {
  type: string;
  ticketId?: string | null;
  actorId?: string | null;
  /** The JSON, or SQL that builds it (a number drawn in the same statement). */
  payload?: Record<string, unknown> | SQL;
}

/**
 * Writers hold this advisory lock shared from their first event to commit; a consumer takes it
 * exclusively for a moment to learn the newest id no transaction in flight can still fall below.
 */
const EVENTS_LOCK = 40_201;

const eventColumns = sql`e.id::int8 AS id, e.type, e.ticket_id AS "ticketId", e.actor_id AS "actorId",
  e.payload, e.created_at AS "createdAt"`;

type EventRow = Omit<StoredEvent, 'id' | 'createdAt'> & { id: string | number; createdAt: Date | string };
const toEvent = (r: EventRow): StoredEvent => ({ ...r, id: Number(r.id), createdAt: new Date(r.createdAt) });

/**
 * Inserts the events. `notify`: wake the workers of every process when (if) the transaction
 * commits; without it the caller wakes its own process's workers (events.service.ts).
 */
export async function insertEvents(
  tx: DbOrTx,
  rows: readonly EventInput[],
  opts: { batch?: WriteBatch; notify: boolean },
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.type}, ${r.ticketId ?? null}::uuid, ${r.actorId ?? null}::uuid, ${is(r.payload, SQL) ? r.payload : sql`${JSON.stringify(r.payload ?? {})}`}::jsonb)`,
    ),
    sql`, `,
  );
  // One round trip: the lock is taken before any id is drawn (every row joins the materialized
  // lock row first), since holding an id while uncommitted means holding this lock. A NOTIFY rides
  // along (delivered at commit, once per transaction).
  // In a batch, the lock is still taken before this part draws its ids (the batch's other parts
  // write no events).
  const wake = opts.notify ? sql`, (${wakeEventWorkers()})` : sql``;
  const insert = sql`WITH writer AS MATERIALIZED (
      SELECT pg_advisory_xact_lock_shared(${EVENTS_LOCK})${wake}
    )
    INSERT INTO events (type, ticket_id, actor_id, payload)
    SELECT v.type, v.ticket_id, v.actor_id, v.payload FROM writer, (VALUES ${values}) AS v(type, ticket_id, actor_id, payload)`;
  await write(tx, insert, opts.batch);
}

/**
 * The newest event id below which every event is committed or gone for good: read while no writer
 * is in flight (the exclusive lock waits for them), in a transaction of its own that ends at once.
 */
export async function settledHorizon(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${EVENTS_LOCK})`);
    const [row] = await queryRows<{ id: string | null }>(tx, sql`SELECT max(id)::text AS id FROM events`);
    return Number(row?.id ?? 0);
  });
}

/** A new consumer starts after the newest settled event: it does not handle the past. */
export async function ensureConsumer(db: Db, consumer: string): Promise<void> {
  const head = await settledHorizon(db);
  await db.execute(sql`INSERT INTO event_consumers (consumer, event_id)
    VALUES (${consumer}, ${head}) ON CONFLICT (consumer) DO NOTHING`);
}

/** The consumer's position, locked until commit; undefined when another worker holds it (or none). */
export async function claimConsumer(tx: DbOrTx, consumer: string): Promise<number | undefined> {
  const [row] = await queryRows<{ eventId: string }>(
    tx,
    sql`SELECT event_id::text AS "eventId" FROM event_consumers WHERE consumer = ${consumer} FOR UPDATE SKIP LOCKED`,
  );
  return row ? Number(row.eventId) : undefined;
}

/** Events after `from` up to `upTo` (the settled horizon), oldest first. */
export async function eventsAfter(tx: DbOrTx, from: number, upTo: number, limit: number): Promise<StoredEvent[]> {
  const rows = await queryRows<EventRow>(
    tx,
    sql`SELECT ${eventColumns} FROM events e WHERE e.id > ${from} AND e.id <= ${upTo} ORDER BY e.id LIMIT ${limit}`,
  );
  return rows.map(toEvent);
}

export async function moveConsumer(db: DbOrTx, consumer: string, to: number): Promise<void> {
  await db.execute(sql`UPDATE event_consumers SET event_id = ${to}, updated_at = now() WHERE consumer = ${consumer}`);
}

/** Records a failed attempt: a first failure, or the next one of a retried event. */
export async function recordFailure(
  db: DbOrTx,
  f: { consumer: string; eventId: number; attempts: number; nextAttemptAt: Date; error: string; dead: boolean },
): Promise<void> {
  await db.execute(sql`INSERT INTO event_failures (consumer, event_id, state, attempts, next_attempt_at, last_error)
    VALUES (${f.consumer}, ${f.eventId}, ${f.dead ? 'dead' : 'retrying'}, ${f.attempts}, ${iso(f.nextAttemptAt)}, ${f.error})
    ON CONFLICT (consumer, event_id) DO UPDATE SET state = excluded.state, attempts = excluded.attempts,
      next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error, updated_at = now()`);
}

/** Failed events due for another attempt, locked (others skip them) until commit. */
export async function claimDueFailures(
  tx: DbOrTx,
  consumer: string,
  now: Date,
  limit: number,
): Promise<(StoredEvent & { attempts: number })[]> {
  const rows = await queryRows<EventRow & { attempts: number }>(
    tx,
    sql`SELECT ${eventColumns}, f.attempts FROM event_failures f JOIN events e ON e.id = f.event_id
        WHERE f.consumer = ${consumer} AND f.state = 'retrying' AND f.next_attempt_at <= ${iso(now)}
        ORDER BY f.next_attempt_at, f.event_id LIMIT ${limit} FOR UPDATE OF f SKIP LOCKED`,
  );
  return rows.map((r) => ({ ...toEvent(r), attempts: r.attempts }));
}

export async function deleteFailure(db: DbOrTx, consumer: string, eventId: number): Promise<void> {
  await db.execute(sql`DELETE FROM event_failures WHERE consumer = ${consumer} AND event_id = ${eventId}`);
}

export interface ConsumerStats {
  consumer: string;
  lag: number;
  retrying: number;
  dead: number;
}

export async function consumerStats(db: DbOrTx): Promise<ConsumerStats[]> {
  return queryRows<ConsumerStats>(
    db,
    sql`SELECT c.consumer,
          (SELECT count(*)::int FROM events e WHERE e.id > c.event_id) AS lag,
          (SELECT count(*)::int FROM event_failures f WHERE f.consumer = c.consumer AND f.state = 'retrying') AS retrying,
          (SELECT count(*)::int FROM event_failures f WHERE f.consumer = c.consumer AND f.state = 'dead') AS dead
        FROM event_consumers c ORDER BY c.consumer`,
  );
}

/** Moves the consumer back to just before event `fromId`: it handles that event and all after it again. */
export async function rewindConsumer(db: DbOrTx, consumer: string, fromId: number): Promise<boolean> {
  const rows = await queryRows<{ consumer: string }>(
    db,
    sql`UPDATE event_consumers c SET event_id = e.id - 1, updated_at = now()
        FROM events e WHERE c.consumer = ${consumer} AND e.id = ${fromId} RETURNING c.consumer`,
  );
  return rows.length > 0;
}

/** Gives dead (or waiting) failures of the consumer a new attempt now; returns how many. */
export async function reviveFailures(db: DbOrTx, consumer: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH r AS (UPDATE event_failures SET state = 'retrying', next_attempt_at = now(), updated_at = now()
        WHERE consumer = ${consumer} RETURNING 1) SELECT count(*)::int AS n FROM r`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Events older than `age` that every consumer has passed and none keeps as a failure.
 * A dry run only counts them.
 */
export async function deleteOldEvents(db: DbOrTx, age: string, dryRun: boolean): Promise<number> {
  const where = sql`e.created_at < now() - ${age}::interval
    AND NOT EXISTS (SELECT 1 FROM event_consumers c WHERE e.id > c.event_id)
    AND NOT EXISTS (SELECT 1 FROM event_failures f WHERE f.event_id = e.id)`;
  const [row] = await queryRows<{ n: number }>(
    db,
    dryRun
      ? sql`SELECT count(*)::int AS n FROM events e WHERE ${where}`
      : sql`WITH gone AS (DELETE FROM events e WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return row?.n ?? 0;
}
