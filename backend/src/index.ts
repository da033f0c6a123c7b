#!/usr/bin/env node
import { buildApp } from './app.js';
import { type ControlChannel, openControlChannel } from './cli/control-channel.js';
import { ConfigError, loadConfig, loadDotenv } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { runMigrations } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { startMailWorkers } from './jobs/mail-workers.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import { startWebhookWorkers } from './jobs/webhook-workers.js';
import type { Workers } from './jobs/workers.js';
import { createLogger } from './lib/logger.js';
import { setupNeeded } from './modules/setup/setup.service.js';

/** The one process that listens: config, database, app, graceful shutdown. */
async function main() {
  loadDotenv();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // PM2 cluster workers hand their output to PM2 through process.stdout, not file descriptor 1.
  const logger = createLogger(config, process.env.pm_id === undefined ? undefined : process.stdout);

  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config);
    await database.query('SELECT 1');
  } catch (err) {
    if (err instanceof DataDirInUseError) logger.fatal(err.message);
    else logger.fatal({ err }, `✗ Database connection failed: ${(err as Error).message}`);
    process.exit(1);
  }
  logger.info('✓ Database connection successful');
  if (config.migrateOnStart) {
    const applied = await runMigrations(database);
    if (applied > 0) logger.info(`✓ Applied ${applied} database migration(s)`);
  }

  const app = await buildApp({ config, database, logger });
  app.addHook('onClose', async () => {
    await database.close();
  });

  let scheduler: Scheduler | undefined;
  let workers: Workers | undefined;
  let webhookWorkers: Workers | undefined;
  let control: ControlChannel | undefined;
  let stopping = false;
  // The workers started after listening: a signal during their start waits for it, so nothing
  // starts on a database that is already closing.
  let started: Promise<unknown> = Promise.resolve();
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests`);
    const timer = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    started
      .catch(() => undefined)
      .then(() => scheduler?.stop())
      .then(() => workers?.stop())
      .then(() => webhookWorkers?.stop())
      .then(() => control?.close())
      .then(() => app.close())
      .then(
        () => {
          logger.info('Stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'Error while stopping');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // Told in the start line, so a new operator knows where to go. Without MIGRATE_ON_START the
  // schema may not be there yet: then there is nothing to say.
  const noAdminYet = await setupNeeded(database.db).catch(() => false);
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    logger.fatal({ err }, `Cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
    await database.close();
    process.exit(1);
  }
  const kind = database.kind === 'postgres' ? 'PostgreSQL' : 'embedded database';
  const firstStep = noAdminYet ? ` — no admin yet: create the first one at ${address}/setup` : '';
  logger.info(`HelpDesk Pro listening on ${address} (${kind})${firstStep}`);
  if (stopping) return;
  started = (async () => {
    if (database.kind === 'pglite') control = await openControlChannel({ config, database, logger, url: address });
    scheduler = startScheduler({ config, database, logger });
    workers = await startMailWorkers({ config, database, logger });
    if (workers && config.mail) logger.info(`Mail: sending through ${new URL(config.mail.smtpUrl).host}`);
    webhookWorkers = await startWebhookWorkers({ config, database, logger });
  })();
  await started;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
