import { permissions } from '@helpdesk/contract';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { switchToLanguage } from '../../../locales/test-languages';
import { permissionAreas, ungroupedPermissions } from './permission-areas';

describe('permission areas', () => {
  it('hold every permission once, each with a label and a description in every language', async () => {
    const grouped = permissionAreas.flatMap((a) => a.permissions);
    expect([...grouped].sort()).toEqual([...permissions].sort());
    expect(ungroupedPermissions()).toEqual([]);
    for (const language of ['en', 'de']) {
      await switchToLanguage(language);
      for (const p of permissions) {
        for (const part of ['label', 'description']) {
          const text = i18next.getResource(language, 'admin', `permissions.${p}.${part}`);
          expect(text, `${language}: ${p} ${part}`).toEqual(expect.any(String));
        }
      }
    }
  });
});
