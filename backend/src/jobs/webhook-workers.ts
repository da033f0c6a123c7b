import type { AppDeps } from '../app-deps.js';
import type { Logger } from '../lib/logger.js';
import { webhookSender, webhooksConsumer } from '../modules/webhooks/webhooks.service.js';
import { consumerTasks, startWorkers, type Workers } from './workers.js';

/**
 * The webhook side of the background loop (docs/webhooks.md): the webhooks consumer of the events
 * core turns events into delivery rows, the sender posts due rows. Runs on every instance; the
 * rows are claimed with SKIP LOCKED, so instances share the work without sending twice.
 */
export async function startWebhookWorkers(
  deps: AppDeps & { logger: Logger },
  opts: { start?: boolean } = {},
): Promise<Workers> {
  const { database } = deps;
  const now = deps.now ?? (() => new Date());
  const consumer = webhooksConsumer(deps);
  return startWorkers(
    deps,
    [
      ...(await consumerTasks(database, consumer, now)),
      { name: 'webhook-send', run: webhookSender(database, deps.config.webhooks, now) },
    ],
    { pollMs: deps.config.webhooks.pollMs, start: opts.start },
  );
}
