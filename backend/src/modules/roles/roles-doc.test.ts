import { readFileSync } from 'node:fs';
import path from 'node:path';
import { permissions, systemRoleNames, systemRolePermissions } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { repoDir } from '../../config.js';

/** docs/roles-and-permissions.md must say what the code does. */
describe('docs/roles-and-permissions.md', () => {
  const doc = readFileSync(path.join(repoDir, 'docs', 'roles-and-permissions.md'), 'utf8');
  const rows = doc
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('lists every permission exactly once', () => {
    const documented = rows.map((cells) => cells[1]?.replaceAll('`', ''));
    expect(documented).toEqual([...permissions]);
  });

  it('ticks exactly the permissions each built-in role starts with', () => {
    const header = doc.split('\n').find((line) => /^\| Permission +\|/.test(line)) ?? '';
    const columns = header.split('|').map((c) => c.trim());
    for (const role of systemRoleNames) {
      const col = columns.indexOf(role);
      expect(col, role).toBeGreaterThan(0);
      const ticked = rows.filter((cells) => cells[col] === '✓').map((cells) => cells[1]?.replaceAll('`', ''));
      expect(ticked.sort(), role).toEqual([...systemRolePermissions[role]].sort());
    }
  });
});
