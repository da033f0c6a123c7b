import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules/.bin/biome');

/**
 * Lints a probe file placed at `dir` (inside backend/src, where the module rules of
 * backend/biome.json apply) and returns the messages of the noRestrictedImports diagnostics.
 */
async function restrictedImports(dir: string, source: string): Promise<string[]> {
  const file = path.join(root, 'backend/src', dir, `lint-probe-${randomUUID()}.ts`);
  await writeFile(file, source);
  try {
    const { stdout } = await promisify(execFile)(biome, ['lint', '--reporter=json', file], { cwd: root }).catch(
      (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
    );
    const report = JSON.parse(stdout) as { diagnostics: { category: string; message: string }[] };
    return report.diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports').map((d) => d.message);
  } finally {
    await rm(file, { force: true });
  }
}

describe('module boundaries (backend/biome.json, docs/decisions/007-module-rules.md)', () => {
  it("refuses another module's tables and its repository", async () => {
    const found = await restrictedImports(
      'modules/tickets',
      `import { users } from '../../db/schema/index.js';
import { findUserBrief } from '../users/users.repository.js';
import { cachedDepartments } from '../departments/departments.cache.js';

export const probe = [users, findUserBrief, cachedDepartments];
`,
    );
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/modules\/tickets may import only its own tables/);
    expect(found.join('\n')).toMatch(/through its \*\.service\.ts/);
  });

  it("allows a module's own tables and other modules' services and policies", async () => {
    const found = await restrictedImports(
      'modules/tickets',
      `import { tickets } from '../../db/schema/index.js';
import { findUserBrief } from '../users/user-lookup.service.js';
import { canSeeAttachment } from '../attachments/attachments.policy.js';

export const probe = [tickets, findUserBrief, canSeeAttachment];
`,
    );
    expect(found).toEqual([]);
  });

  it('keeps code outside modules/ off module internals', async () => {
    const found = await restrictedImports(
      'plugins',
      `import { findTicketCore } from '../modules/tickets/tickets.repository.js';

export const probe = findTicketCore;
`,
    );
    expect(found).toHaveLength(1);
  });
});
