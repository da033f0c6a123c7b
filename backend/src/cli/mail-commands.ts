import { buffer } from 'node:stream/consumers';
import type { Command } from 'commander';
import { inboundService } from '../modules/mail/inbound.service.js';
import { sendTestMail, smtpTransport } from '../modules/mail/mail.service.js';
import { CliError } from './cli-error.js';
import { cliConfig, withDatabase } from './context.js';

/** `mail:test ADDRESS`: proves the SMTP settings by sending one message now (docs/email.md). */
export function registerMailCommands(program: Command): void {
  program
    .command('mail:test')
    .description('Send a test message through SMTP_URL to ADDRESS')
    .argument('<address>', 'where to send it')
    .action(async (address: string) => {
      const config = cliConfig();
      const mail = config.mail;
      if (!mail) throw new CliError('Mail is not configured: set SMTP_URL (and MAIL_FROM, PUBLIC_URL)');
      await withDatabase(config, async (database) => {
        const transport = await smtpTransport(mail);
        try {
          const info = await sendTestMail(database, mail, transport, address);
          console.log(`✓ Sent to ${address} (${info.response ?? 'accepted'})`);
        } catch (err) {
          throw new CliError(`Could not send: ${(err as Error).message}`);
        } finally {
          transport.close();
        }
      });
    });

  program
    .command('mail:receive')
    .description('Import one message (an .eml) from standard input: a reply, a new ticket, or ignored')
    .action(async () => {
      const config = cliConfig();
      const raw = await buffer(process.stdin);
      if (raw.length === 0) throw new CliError('No message on standard input');
      await withDatabase(
        config,
        async (database) => {
          const result = await inboundService({ config, database }).receive(raw);
          const where = result.ticketNumber ? ` #${result.ticketNumber}` : '';
          console.log(`${result.outcome}${where}${result.reason ? `: ${result.reason}` : ''} (${result.messageId})`);
        },
        { migrate: true },
      );
    });
}
