import { locales } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../locales/resources';
import { chooseLanguage } from './choose-language';

describe('chooseLanguage', () => {
  it("takes the user's choice, then this browser's, then the helpdesk's default, then the browser's language", () => {
    const all = { userLocale: 'de', browserChoice: 'en', helpdeskDefault: 'en', browserLanguages: ['en-US'] };
    expect(chooseLanguage(all)).toBe('de');
    expect(chooseLanguage({ ...all, userLocale: null, browserChoice: 'de' })).toBe('de');
    expect(chooseLanguage({ ...all, userLocale: null, browserChoice: null, helpdeskDefault: 'de' })).toBe('de');
    expect(chooseLanguage({ browserLanguages: ['fr-FR', 'de-AT', 'en'] })).toBe('de');
    expect(chooseLanguage({ userLocale: 'fr', browserChoice: 'xx', browserLanguages: ['fr'] })).toBe('en');
  });

  it('knows the languages the server accepts', () => {
    expect([...supportedLanguages].sort()).toEqual([...locales].sort());
  });
});
