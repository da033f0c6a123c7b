import type { Database } from '../db/client.js';
import type { Logger } from '../lib/logger.js';

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
 * The background loop of the event consumers and the mail sender, on every instance: woken by
 * NOTIFY (a new event, via the database's change feed) and by a poll as the fallback (retries
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
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const kick = () => wake?.();

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      let done = 0;
      for (const task of tasks) {
        try {
          done += await task.run();
        } catch (err) {
          deps.logger.error({ err, worker: task.name }, `worker ${task.name} failed`);
        }
      }
      total += done;
      if (done === 0 || stopped) return total;
    }
  }

  async function loop() {
    while (!stopped) {
      await drain();
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
        timer.unref();
      });
      wake = undefined;
      if (timer) clearTimeout(timer);
    }
  }

  if (opts.start === false || tasks.length === 0) {
    return { drain, stop: async () => {} };
  }
  const unsubscribe = deps.database.changes.subscribe((topic) => {
    if (topic === 'events' || topic === '*') kick();
  });
  const running = loop();
  return {
    drain,
    async stop() {
      stopped = true;
      unsubscribe();
      kick();
      await running;
    },
  };
}
