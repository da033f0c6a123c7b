#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerBackupCommands } from './cli/backup-commands.js';
import { CliError } from './cli/cli-error.js';
import { registerDbCommands } from './cli/db-commands.js';
import { registerEventsCommands } from './cli/events-commands.js';
import { registerMailCommands } from './cli/mail-commands.js';
import { registerMaintenanceCommands } from './cli/maintenance-commands.js';
import { registerSeedCommand } from './cli/seed-demo.js';
import { registerSlaCommands } from './cli/sla-commands.js';
import { registerUploadsCommands } from './cli/uploads-commands.js';
import { registerUserCommands } from './cli/user-commands.js';
import { registerUsersOpsCommands } from './cli/users-ops-commands.js';

/** `helpdesk`: the operator's command line. Each command group lives in src/cli/. */
export function buildProgram(): Command {
  const program = new Command('helpdesk')
    .description('HelpDesk Pro command line: database, users, backups and maintenance')
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program);
  registerSeedCommand(program);
  registerUploadsCommands(program);
  registerUserCommands(program);
  registerBackupCommands(program);
  registerMaintenanceCommands(program);
  registerUsersOpsCommands(program);
  registerSlaCommands(program);
  registerEventsCommands(program);
  registerMailCommands(program);
  return program;
}

async function main() {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof CliError) {
      console.error(`✗ ${err.message}`);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  }
}

await main();
