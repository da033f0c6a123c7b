import type { Command } from 'commander';
import { runMigrations } from '../db/migrate.js';
import { cliConfig, describeDatabase, withDatabase } from './context.js';

/** `migrate` and `db:check`. */
export function registerDbCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and create missing reference data')
    .action(async () => {
      const config = cliConfig();
      await withDatabase(config, async (database) => {
        const applied = await runMigrations(database);
        console.log(`✓ ${describeDatabase(config)}: ${applied} migration(s) applied, schema up to date`);
      });
    });

  program
    .command('db:check')
    .description('Test the database connection (SELECT 1), as the operations guide does')
    .action(async () => {
      const config = cliConfig();
      await withDatabase(
        config,
        async (database) => {
          const [row] = await database.query<{ version: string }>('SELECT 1 AS ok, version() AS version');
          console.log('✓ Database connection successful');
          console.log(`  ${describeDatabase(config)}`);
          console.log(`  ${row?.version.split(' on ')[0] ?? ''}`);
        },
        {
          whileServerRuns: (server) =>
            `The server checks its own database: curl ${server.url}/health/ready answers 200 while it works. ` +
            'To run db:check itself, stop the server first',
        },
      );
    });
}
