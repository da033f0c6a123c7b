import { type PublicSettings, type Settings, settingsSchema, type UpdateSettingsBody } from '@helpdesk/contract';
import { inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import type { Config } from '../../config.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { defaultSettings } from '../../db/migrate.js';
import { settings } from '../../db/schema/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { referenceData } from '../statuses/statuses.service.js';
import { customerPriorityIds } from '../tickets/customer-priorities.policy.js';
import { countActiveSuperAdmins } from '../users/users.service.js';
import { canManageSettings } from './settings.policy.js';

const keys = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** The settings with defaults filled in (no access check: for other services). */
export async function readSettings(db: DbOrTx): Promise<Settings> {
  const rows = await db.select().from(settings).where(inArray(settings.key, keys));
  const values: Record<string, unknown> = {};
  for (const key of keys) values[key] = defaultSettings[key];
  for (const row of rows) values[row.key] = row.value;
  const parsed = settingsSchema.safeParse(values);
  // A value broken by hand in SQL falls back to the default rather than breaking every page.
  if (parsed.success) return parsed.data;
  return settingsSchema.parse(Object.fromEntries(keys.map((k) => [k, defaultSettings[k]])));
}

/** `GET /api/settings`: settings.manage. */
async function getSettings(db: DbOrTx, actor: Actor): Promise<Settings> {
  requireAllowed(actor, canManageSettings);
  return readSettings(db);
}

/** `PATCH /api/settings`: settings.manage; audited with before and after. */
async function updateSettings(database: Database, a: Actor, body: UpdateSettingsBody) {
  requireAllowed(a, canManageSettings);
  return database.db.transaction(async (tx) => {
    const before = await readSettings(tx);
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined) continue;
      // A setting set back to null (its default) is JSON null, not SQL NULL (the column is not null).
      const stored = value === null ? sql`'null'::jsonb` : value;
      await tx
        .insert(settings)
        .values({ key, value: stored })
        .onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedAt: sql`now()` } });
    }
    const after = await readSettings(tx);
    await recordAudit(tx, a.id, { action: 'settings.updated', entityType: 'settings', before, after });
    return after;
  });
}

/** `GET /api/settings/public`: what the sign-in page and the ticket forms need. */
async function publicSettings(
  database: Database,
  config: Pick<
    Config,
    'maxUploadBytes' | 'maxFilesPerMessage' | 'maxTicketUploadBytes' | 'allowedUploadTypes' | 'mail'
  >,
): Promise<PublicSettings> {
  const s = await readSettings(database.db);
  return {
    helpdeskName: s.helpdeskName,
    selfSignup: s.selfSignup,
    defaultLocale: s.defaultLocale,
    setupNeeded: (await countActiveSuperAdmins(database.db)) === 0,
    mailConfigured: config.mail !== undefined,
    publicHelpCentre: s.publicHelpCentre,
    customerPriorityIds: customerPriorityIds(await referenceData(database), s.customerPriorityIds),
    uploads: {
      maxFileBytes: config.maxUploadBytes,
      maxFiles: config.maxFilesPerMessage,
      maxTicketBytes: config.maxTicketUploadBytes,
      acceptedTypes: config.allowedUploadTypes,
    },
  };
}

/** The settings use cases, actor first (docs/decisions/007-module-rules.md). */
export function createSettingsService({ database, config }: Pick<AppDeps, 'database' | 'config'>) {
  const { db } = database;
  return {
    publicSettings: () => publicSettings(database, config),
    get: (actor: Actor) => getSettings(db, actor),
    update: (actor: Actor, body: UpdateSettingsBody) => updateSettings(database, actor, body),
  };
}
