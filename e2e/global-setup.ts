import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { createFirstAdmin } from './support/api.js';
import { outputDir } from './support/page.js';

/** The signed-in first super admin (cookies), for the `adminApi` and `adminPage` fixtures. */
export const adminStateFile = path.join(outputDir, '.auth', 'admin.json');

/**
 * Once per run, on the fresh server: the first-run setup through the API. The setup page itself
 * is covered by setup.spec.ts on a server of its own, since only a fresh install shows it.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  const admin = await createFirstAdmin(baseURL);
  mkdirSync(path.dirname(adminStateFile), { recursive: true });
  await admin.api.storageState({ path: adminStateFile });
  await admin.api.dispose();
}
