import { permissions } from '@helpdesk/contract';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { switchToLanguage } from '../../../locales/test-languages';
import { areaOf, permissionAreas } from './permission-areas';

describe('permission areas', () => {
  it('hold every permission once, in a named area, each with a label and a description in every language', async () => {
    expect(permissionAreas.flatMap((a) => a.permissions)).toEqual([...permissions]);
    expect(permissions.filter((p) => areaOf(p) === 'other')).toEqual([]);
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
