import type { Database } from '../db/client.js';
import type { Logger } from '../lib/logger.js';
import {
  EVENT_BATCH,
  type EventConsumer,
  handleNewEvents,
  onEventsWrittenHere,
  registerConsumer,
  retryFailedEvents,
} from '../modules/events/events.service.js';

/** One unit of background work: does what is due and says how much it did (0: nothing left). */
export interface WorkerTask {
  name: string;
  run(): Promise<number>;
}

export interface Workers {
  /** Runs every task until none has anything left (tests and the CLI; the loop does the same). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * An event consumer's two tasks (new events, failed ones that fall due), once it has a position.
 */
export async function consumerTasks(
  database: Database,
  consumer: EventConsumer,
  now: () => Date,
): Promise<WorkerTask[]> {
  await registerConsumer(database, consumer.name);
  return [
    { name: `${consumer.name}-events`, run: () => handleNewEvents(database, consumer, { now }) },
    { name: `${consumer.name}-event-retries`, run: () => retryFailedEvents(database, consumer, { now }) },
  ];
}

/**
 * After a wake-up the loop waits this long, so a burst of writes is handled in one round; and after a
 * round that found work, before the next, so that under a steady stream of writes each consumer
 * reads the events' horizon (under a lock every event writer waits for) ten times a second, not
 * once per write.
 */
const SETTLE_MS = 100;

/**
 * The background loop of the event consumers and the mail sender, on every instance: woken by
 * this process's own event writes (events.service.ts, decision 030), by NOTIFY from other
 * processes (the CLI, via the database's change feed), and by a poll as the fallback (retries
 * that fall due, a listener that lost its connection). Instances share the work through
 * `FOR UPDATE SKIP LOCKED` in the tasks, so running several is safe.
 */
export function startWorkers(
  deps: { database: Database; logger: Logger },
  tasks: readonly WorkerTask[],
  opts: { pollMs?: number; start?: boolean } = {},
): Workers {
  const pollMs = opts.pollMs ?? 5_000;
  let stopped = false;
  /** Woken since the current round began: that round may have read the events before the new one. */
  let woken = false;
  let wake: ((settleMs: number) => void) | undefined;
  const kick = (settleMs = SETTLE_MS) => {
    woken = true;
    wake?.(settleMs);
  };

  /** Every task once; how much they did. */
  async function round(): Promise<number> {
    let done = 0;
    for (const task of tasks) {
      try {
        done += await task.run();
      } catch (err) {
        deps.logger.error({ err, worker: task.name }, `worker ${task.name} failed`);
      }
    }
    return done;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await round();
      total += done;
      if (done === 0 || stopped) return total;
    }
  }

  async function loop() {
    while (!stopped) {
      const byWake = woken;
      woken = false;
      const done = await round();
      if (stopped) break;
      // A full batch read means a backlog: go on at once. Look again after SETTLE_MS when the round
      // found work, when a wake-up started it (another instance may have held a consumer's position
      // with an older horizon: it passed the new event over) or came while it ran (its horizon may
      // be older than the new event). Otherwise wait for a wake-up, or the poll.
      if (done >= EVENT_BATCH) continue;
      const again = done > 0 || byWake || woken;
      await new Promise<void>((resolve) => {
        let timer = setTimeout(resolve, again ? SETTLE_MS : pollMs);
        timer.unref();
        wake = (settleMs) => {
          if (again && settleMs > 0) return; // a round comes after SETTLE_MS anyway
          wake = undefined;
          clearTimeout(timer);
          timer = setTimeout(resolve, settleMs);
          timer.unref();
        };
      });
      wake = undefined;
    }
  }

  if (opts.start === false || tasks.length === 0) {
    return { drain, stop: async () => {} };
  }
  const unsubscribe = deps.database.changes.subscribe((topic) => {
    if (topic === 'events' || topic === '*') kick();
  });
  const stopWakes = onEventsWrittenHere(deps.database, kick);
  const running = loop();
  return {
    drain,
    async stop() {
      stopped = true;
      unsubscribe();
      stopWakes();
      kick(0);
      await running;
    },
  };
}
