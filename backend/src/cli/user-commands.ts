import { randomBytes } from 'node:crypto';
import { emailSchema, passwordSchema, personNameSchema } from '@helpdesk/contract';
import type { Command } from 'commander';
import type { Database } from '../db/client.js';
import { AppError } from '../lib/app-error.js';
import { createSuperAdmin } from '../modules/setup/setup.service.js';
import { CliError } from './cli-error.js';
import { cliConfig, describeDatabase, withDatabase } from './context.js';

interface CreateAdminInput {
  email: string;
  name: string;
  password: string;
}

/** Creates a SUPER_ADMIN (audited, like setup). Shell access is trusted: others may exist already. */
export async function createAdmin(database: Database, input: CreateAdminInput): Promise<{ id: string; email: string }> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new CliError(`Not a valid email address: ${input.email}`);
  const name = personNameSchema.safeParse(input.name);
  if (!name.success) throw new CliError('The name must be 1 to 100 characters');
  const password = passwordSchema.safeParse(input.password);
  if (!password.success) throw new CliError('The password must be 12 to 256 characters');
  try {
    const row = await database.db.transaction((tx) =>
      createSuperAdmin(
        tx,
        { email: email.data, name: name.data, password: password.data },
        { requireNone: false, via: 'cli' },
      ),
    );
    return { id: row.id, email: row.email };
  } catch (err) {
    if (err instanceof AppError && err.code === 'EMAIL_TAKEN') {
      throw new CliError(`A user with the email ${email.data} already exists`);
    }
    // A password too easy to guess: the message says why.
    if (err instanceof AppError && err.code === 'VALIDATION_ERROR') throw new CliError(err.message);
    throw err;
  }
}

/** A random password for the operator to write down: 24 URL-safe characters. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  return new Promise((resolve, reject) => {
    let value = '';
    const cleanup = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          cleanup();
          stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          cleanup();
          stdout.write('\n');
          reject(new CliError('Cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdout.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * The password for create-admin: HELPDESK_ADMIN_PASSWORD, else typed twice at a terminal
 * (empty: generate one), else generated. `generated` means it must be printed once.
 */
async function choosePassword(fromEnv: string | undefined): Promise<{ password: string; generated: boolean }> {
  if (fromEnv) return { password: fromEnv, generated: false };
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const first = await promptHidden('Password (12+ characters; leave empty to generate one): ');
    if (first === '') return { password: generatePassword(), generated: true };
    const second = await promptHidden('Repeat the password: ');
    if (first !== second) throw new CliError('The passwords do not match');
    return { password: first, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

/** `create-admin --email … --name …`. */
export function registerUserCommands(program: Command): void {
  program
    .command('create-admin')
    .description(
      'Create a SUPER_ADMIN: password from a prompt or HELPDESK_ADMIN_PASSWORD, or generated and printed once',
    )
    .requiredOption('--email <email>', 'email address to sign in with')
    .requiredOption('--name <name>', 'display name')
    .action(async (opts: { email: string; name: string }) => {
      const config = cliConfig();
      // A one-off secret handed to this command, not configuration of the server (config.ts).
      const { password, generated } = await choosePassword(process.env.HELPDESK_ADMIN_PASSWORD);
      await withDatabase(
        config,
        async (database) => {
          const admin = await createAdmin(database, { email: opts.email, name: opts.name, password });
          console.log(`✓ Created SUPER_ADMIN ${admin.email} (${describeDatabase(config)})`);
          if (generated) {
            console.log(`  Password (shown only this once; store it now): ${password}`);
          }
        },
        { migrate: true },
      );
    });
}
