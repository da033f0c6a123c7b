import type { Command } from 'commander';
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
        const transport = smtpTransport(mail);
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
}
