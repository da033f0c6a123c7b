import type { SQL } from 'drizzle-orm';
import type { Database, DbOrTx, Tx } from '../../db/client.js';
import type { WriteBatch } from '../../db/write-batch.js';
import { errorText } from '../../lib/app-error.js';
import { eventsHandled } from '../../lib/metrics.js';
import * as repo from './events.repository.js';

export type { ConsumerStats, StoredEvent } from './events.repository.js';

/**
 * The events core (docs/decisions/020-mail-events-outbox.md): writes record what happened in
 * their own transaction; consumers (mail, later webhooks, SLA, followers) each keep a position and
 * a failures list, and handle each event inside a transaction of their own.
 */

/** The types written today; other modules add theirs (`sla.warning`, `ticket.merged` …). */
export type EventType =
  | 'ticket.created'
  | 'message.added'
  | 'ticket.updated'
  | 'ticket.assigned'
  | 'ticket.status_changed'
  | 'ticket.merged'
  | 'sla.warning'
  | 'sla.breached'
  | (string & {});

export interface NewEvent {
  type: EventType;
  ticketId?: string | null;
  actorId?: string | null;
  /** Minimal: ids and flags, never the text (consumers read it through the owning module). */
  payload?: Record<string, unknown> | SQL;
}

/**
 * The event worker loops this process runs on each database (jobs/workers.ts). While one runs,
 * this process's writes wake it themselves once their events are written, without NOTIFY: on
 * PostgreSQL a NOTIFY makes every connection that LISTENs in the database (each instance's pool)
 * read the notification queue, at every ticket write (decision 030).
 */
const workersHere = new WeakMap<Database, Set<() => void>>();

/** jobs/workers.ts: `wake` runs whenever this process records events on `database`; returns the undo. */
export function onEventsWrittenHere(database: Database, wake: () => void): () => void {
  const wakes = workersHere.get(database) ?? new Set();
  workersHere.set(database, wakes);
  wakes.add(wake);
  return () => wakes.delete(wake);
}

/**
 * Records events in the caller's transaction: they exist exactly when the change does. Wakes this
 * process's event workers once the statement has run (it holds the events lock until commit, so
 * the workers' next read waits for the commit), or, with none running here, every process's by
 * NOTIFY at commit.
 */
export async function recordEvents(
  database: Database,
  tx: DbOrTx,
  events: readonly NewEvent[],
  batch?: WriteBatch,
): Promise<void> {
  if (events.length === 0) return;
  const wakes = workersHere.get(database);
  const here = wakes !== undefined && wakes.size > 0;
  await repo.insertEvents(tx, events, { batch, notify: !here });
  if (!here) return;
  const wake = () => {
    for (const w of wakes) w();
  };
  if (batch) batch.onRun(wake);
  else wake();
}

/** One event (see recordEvents). */
export const recordEvent = (database: Database, tx: DbOrTx, event: NewEvent, batch?: WriteBatch) =>
  recordEvents(database, tx, [event], batch);

export interface EventConsumer {
  /** Stable name: the key of its position and failures. */
  name: string;
  /**
   * Which events of a batch this consumer has work for, asked once per batch; the others are passed
   * over without a savepoint or a query of their own. Without it, every event is handled. (The
   * webhooks consumer with no endpoint for an event's type cost three round trips per event.)
   */
  wanted?(tx: Tx, events: readonly repo.StoredEvent[]): Promise<(event: repo.StoredEvent) => boolean>;
  /** Handles one event inside the worker's transaction (a savepoint); throwing retries it later. */
  handle(tx: Tx, event: repo.StoredEvent): Promise<void>;
}

/** Attempts before a failed event is kept as dead (about a day and a half in all). */
const MAX_ATTEMPTS = 10;

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * Attempt number `attempts` at one event, in a savepoint: true when handled; otherwise the failure
 * is recorded with its next attempt (or as dead after the last one).
 */
async function attempt(
  tx: Tx,
  consumer: EventConsumer,
  event: repo.StoredEvent,
  attempts: number,
  now: Date,
): Promise<boolean> {
  try {
    await tx.transaction((sp) => consumer.handle(sp, event));
    eventsHandled.inc({ consumer: consumer.name, result: 'handled' });
    return true;
  } catch (err) {
    eventsHandled.inc({ consumer: consumer.name, result: 'failed' });
    await repo.recordFailure(tx, {
      consumer: consumer.name,
      eventId: event.id,
      attempts,
      nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
      error: errorText(err),
      dead: attempts >= MAX_ATTEMPTS,
    });
    return false;
  }
}

/** Starts the consumer at the newest event when it has no position yet (it does not handle the past). */
export const registerConsumer = (database: Database, name: string) => repo.ensureConsumer(database.db, name);

/** Events a consumer reads per transaction unless told otherwise. */
export const EVENT_BATCH = 100;

/**
 * Handles the consumer's next events (at most `limit`) in one transaction with its position, so
 * a handled event and the moved position commit together. Another worker holding the position
 * makes this return 0 at once. An event that throws is kept as a failure to retry and skipped.
 */
export async function handleNewEvents(
  database: Database,
  consumer: EventConsumer,
  opts: { now?: () => Date; limit?: number } = {},
): Promise<number> {
  const now = opts.now ?? (() => new Date());
  const horizon = await repo.settledHorizon(database.db);
  return database.db.transaction(async (tx) => {
    const position = await repo.claimConsumer(tx, consumer.name);
    if (position === undefined || position >= horizon) return 0;
    const limit = opts.limit ?? EVENT_BATCH;
    const batch = await repo.eventsAfter(tx, position, horizon, limit);
    const wanted = consumer.wanted && batch.length > 0 ? await consumer.wanted(tx, batch) : () => true;
    for (const event of batch) if (wanted(event)) await attempt(tx, consumer, event, 1, now());
    // Past the batch, or to the horizon when nothing is left below it (ids of rolled-back writes).
    const to = batch.length === limit ? (batch.at(-1)?.id ?? horizon) : horizon;
    await repo.moveConsumer(tx, consumer.name, to);
    return batch.length;
  });
}

/** Gives the consumer's failed events that are due another attempt; returns how many were tried. */
export async function retryFailedEvents(
  database: Database,
  consumer: EventConsumer,
  opts: { now?: () => Date; limit?: number } = {},
): Promise<number> {
  const now = opts.now ?? (() => new Date());
  return database.db.transaction(async (tx) => {
    const due = await repo.claimDueFailures(tx, consumer.name, now(), opts.limit ?? 20);
    for (const event of due) {
      if (await attempt(tx, consumer, event, event.attempts + 1, now())) {
        await repo.deleteFailure(tx, consumer.name, event.id);
      }
    }
    return due.length;
  });
}

/** Each consumer's lag (events not handled yet) and failures, for /metrics and the CLI. */
export const consumerStats = (database: Database) => repo.consumerStats(database.db);

/** `helpdesk events:replay`: the consumer handles event `fromId` and every later one again. */
export const replayEvents = (database: Database, consumer: string, fromId: number) =>
  repo.rewindConsumer(database.db, consumer, fromId);

/** `helpdesk events:retry`: every failure of the consumer (dead ones too) gets a new attempt now. */
export const retryEventFailures = (database: Database, consumer: string) => repo.reviveFailures(database.db, consumer);

/** The retention job: events older than `age` (PostgreSQL interval) that no consumer still needs. */
export const cleanEvents = (database: Database, age: string, dryRun: boolean) =>
  repo.deleteOldEvents(database.db, age, dryRun);
