import type { AppDeps } from '../app-deps.js';
import type { Logger } from '../lib/logger.js';
import {
  type MailConfig,
  type MailTransport,
  mailConsumer,
  sendNext,
  smtpTransport,
} from '../modules/mail/mail.service.js';
import { consumerTasks, startWorkers, type Workers } from './workers.js';

/**
 * The mail side of the background loop (docs/email.md): the mail consumer turns events into
 * outbox rows, the sender sends due rows. Nothing without SMTP_URL.
 */
export async function startMailWorkers(
  deps: AppDeps & { logger: Logger },
  opts: { transport?: MailTransport; start?: boolean } = {},
): Promise<Workers | undefined> {
  const mail: MailConfig | undefined = deps.config.mail;
  if (!mail) return undefined;
  const { database } = deps;
  const now = deps.now ?? (() => new Date());
  const consumer = mailConsumer({ ...deps, config: { ...deps.config, mail } });
  const transport = opts.transport ?? (await smtpTransport(mail));
  return startWorkers(
    deps,
    [
      ...(await consumerTasks(database, consumer, now)),
      { name: 'mail-send', run: () => sendNext(database, mail, transport, now) },
    ],
    { pollMs: mail.pollMs, start: opts.start },
  );
}
