import type { SetupBody, User } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { Config } from '../../config.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/app-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { type ClientInfo, startSession } from '../auth/auth.service.js';
import { findRoleByName } from '../roles/roles.service.js';
import * as users from '../users/users.service.js';

/** Setup is open while no active SUPER_ADMIN exists. */
export async function setupNeeded(db: DbOrTx): Promise<boolean> {
  return (await users.countActiveSuperAdmins(db)) === 0;
}

/**
 * Creates a SUPER_ADMIN. `requireNone`: only while none is active (first-run setup; concurrent
 * calls are serialised, so exactly one wins). The CLI passes false: shell access is trusted.
 */
export async function createSuperAdmin(
  tx: DbOrTx,
  input: { email: string; name: string; password: string },
  opts: { requireNone: boolean; via: string },
): Promise<users.UserRow> {
  await users.lockSuperAdmins(tx);
  if (opts.requireNone && !(await setupNeeded(tx))) throw notFound('Route');
  const role = await findRoleByName(tx, 'SUPER_ADMIN');
  if (!role) throw new Error('SUPER_ADMIN role missing: run migrations');
  const row = await users.insertUserRecord(tx, { ...input, roleId: role.id });
  await recordAudit(tx, opts.via === 'setup' ? row.id : null, {
    action: 'user.created',
    entityType: 'user',
    entityId: row.id,
    after: { email: row.email, name: row.name, role: row.roleName, via: opts.via },
  });
  return row;
}

/** `POST /api/setup`: the first SUPER_ADMIN, signed in at once; 404 once one exists. */
async function runSetup(
  database: Database,
  config: Config,
  client: ClientInfo,
  body: SetupBody,
): Promise<{ user: User; token: string; maxAgeSeconds: number }> {
  return database.db.transaction(async (tx) => {
    const row = await createSuperAdmin(tx, body, { requireNone: true, via: 'setup' });
    const session = await startSession(tx, config, row.id, client);
    return { user: users.presentUser(await users.getUserRow(tx, row.id)), ...session };
  });
}

/** First-run setup's use cases (docs/decisions/007-module-rules.md); nobody is signed in yet. */
export function createSetupService({ database, config }: Pick<AppDeps, 'database' | 'config'>) {
  return {
    needed: () => setupNeeded(database.db),
    run: (client: ClientInfo, body: SetupBody) => runSetup(database, config, client, body),
  };
}
