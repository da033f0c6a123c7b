import type { Command } from 'commander';
import { hashToken, newToken } from '../lib/tokens.js';
import { resetForUser } from '../modules/two-factor/two-factor.service.js';
import { CliError } from './cli-error.js';
import { cliConfig, withDatabase } from './context.js';

const RESET_TOKEN_HOURS = 24;

/** `users:list`, `users:deactivate`, `users:reset-password`, `users:reset-2fa`: account first aid from the shell. */
export function registerUsersOpsCommands(program: Command): void {
  program
    .command('users:list')
    .description('List users with their role (active ones first)')
    .option('--admins', 'only ADMIN and SUPER_ADMIN users', false)
    .action(async (opts: { admins: boolean }) => {
      await withDatabase(cliConfig(), async (database) => {
        const rows = await database.query<{ email: string; name: string; role: string; is_active: boolean }>(
          `SELECT u.email, u.name, r.name AS role, u.is_active
           FROM users u JOIN roles r ON u.role_id = r.id
           ${opts.admins ? "WHERE r.name IN ('ADMIN', 'SUPER_ADMIN')" : ''}
           ORDER BY u.is_active DESC, lower(u.email)`,
        );
        if (rows.length === 0) console.log(opts.admins ? 'No admin users' : 'No users');
        for (const r of rows) {
          console.log(`${r.email.padEnd(36)} ${r.role.padEnd(12)} ${r.is_active ? 'active  ' : 'inactive'} ${r.name}`);
        }
      });
    });

  program
    .command('users:deactivate')
    .description('Deactivate a user and sign them out everywhere at once')
    .argument('<email>')
    .action(async (email: string) => {
      await withDatabase(cliConfig(), async (database) => {
        const users = await database.query<{ id: string; is_active: boolean }>(
          'SELECT id, is_active FROM users WHERE lower(email) = lower($1)',
          [email],
        );
        const user = users[0];
        if (!user) throw new CliError(`No user with email ${email}`);
        const rows = await database.query<{ sessions: number; tokens: number }>(
          `WITH u AS (UPDATE users SET is_active = false, updated_at = now() WHERE id = $1 RETURNING id),
                s AS (UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id),
                t AS (UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id)
           SELECT (SELECT count(*) FROM s)::int AS sessions, (SELECT count(*) FROM t)::int AS tokens`,
          [user.id],
        );
        const r = rows[0];
        console.log(
          `✓ ${email} ${user.is_active ? 'deactivated' : 'was already inactive'}; ` +
            `${r?.sessions ?? 0} session(s) and ${r?.tokens ?? 0} API token(s) revoked`,
        );
      });
    });

  program
    .command('users:reset-password')
    .description(`Print a one-time link (valid ${RESET_TOKEN_HOURS} hours) with which the user sets a new password`)
    .argument('<email>')
    .action(async (email: string) => {
      await withDatabase(cliConfig(), async (database) => {
        const users = await database.query<{ id: string; is_active: boolean }>(
          'SELECT id, is_active FROM users WHERE lower(email) = lower($1)',
          [email],
        );
        const user = users[0];
        if (!user) throw new CliError(`No user with email ${email}`);
        const token = newToken();
        await database.query(
          `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
           VALUES ($1, $2, now() + make_interval(hours => $3))`,
          [user.id, hashToken(token), RESET_TOKEN_HOURS],
        );
        console.log(`✓ One-time password link for ${email} (valid ${RESET_TOKEN_HOURS} hours):`);
        console.log(`/reset-password?token=${token}`);
        if (!user.is_active) console.log('  note: this account is inactive; an admin must reactivate it to sign in');
      });
    });

  program
    .command('users:reset-2fa')
    .description("Remove a user's two-factor sign-in and recovery codes, and sign them out everywhere")
    .argument('<email>')
    .action(async (email: string) => {
      await withDatabase(cliConfig(), async (database) => {
        const users = await database.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [
          email,
        ]);
        const user = users[0];
        if (!user) throw new CliError(`No user with email ${email}`);
        const result = await database.db.transaction((tx) => resetForUser(tx, user.id));
        console.log(
          `✓ ${email}: ${result.wasEnabled ? 'two-factor sign-in removed' : 'had no two-factor sign-in'}; ` +
            `${result.revokedSessions} session(s) revoked. They sign in with their password and may enrol again.`,
        );
      });
    });
}
